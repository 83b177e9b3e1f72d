"""asyncio.Condition: notify wakes waiters one at a time in FIFO order, each getting the
lock back in turn; wait_for checks its predicate after every wake-up; notify needs the
lock."""
import asyncio

items = []

async def consumer(cond, name):
    async with cond:
        await cond.wait_for(lambda: items)
        print(name, "got", items.pop(0))

async def main():
    cond = asyncio.Condition()
    tasks = [asyncio.create_task(consumer(cond, f"c{i}")) for i in range(3)]
    await asyncio.sleep(1)
    for i in range(3):
        async with cond:
            items.append(i)
            cond.notify()
        await asyncio.sleep(0)
    await asyncio.gather(*tasks)
    try:
        cond.notify()
    except RuntimeError as e:
        print("RuntimeError:", e)

    async def waiting(i):
        async with cond:
            await cond.wait()
            return i

    waiters = [asyncio.create_task(waiting(i)) for i in range(2)]
    await asyncio.sleep(0)
    async with cond:
        cond.notify_all()
    print(await asyncio.gather(*waiters))

asyncio.run(main())
