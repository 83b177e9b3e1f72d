"""wait with a timeout returns what is done by then without cancelling the rest; wait
rejects coroutines, empty sets and unknown return_when values."""
import asyncio

async def job(n):
    await asyncio.sleep(n)
    return n

async def main():
    tasks = [asyncio.create_task(job(n)) for n in (1, 4)]
    done, pending = await asyncio.wait(tasks, timeout=2)
    print(len(done), len(pending), asyncio.get_running_loop().time())
    print([t.done() for t in tasks])
    coro = job(1)
    for args, kw in (([coro], {}), ([], {}), (tasks, {"return_when": "SOMETIMES"})):
        try:
            await asyncio.wait(args, **kw)
        except (TypeError, ValueError) as e:
            print(type(e).__name__, e)
    coro.close()
    await asyncio.wait(tasks)
    print(asyncio.get_running_loop().time())

asyncio.run(main())
