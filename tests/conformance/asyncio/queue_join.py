"""join waits until every item put has been marked done with task_done; one task_done
too many is a ValueError."""
import asyncio

async def worker(q, name):
    while True:
        item = await q.get()
        await asyncio.sleep(item)
        print(name, "done with", item)
        q.task_done()

async def main():
    q = asyncio.Queue()
    for item in (1, 2, 1, 3):
        q.put_nowait(item)
    workers = [asyncio.create_task(worker(q, f"w{i}")) for i in range(2)]
    await q.join()
    print("all done at", asyncio.get_running_loop().time())
    for w in workers:
        w.cancel()
    try:
        q.task_done()
    except ValueError as e:
        print("ValueError:", e)

asyncio.run(main())
