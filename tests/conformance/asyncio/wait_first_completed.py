"""wait(FIRST_COMPLETED) returns as soon as one task is done; the rest stay pending and
keep running."""
import asyncio

async def job(n):
    await asyncio.sleep(n)
    return n

async def main():
    tasks = [asyncio.create_task(job(n)) for n in (3, 1, 2)]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print(len(done), len(pending), [t.result() for t in done])
    print(asyncio.get_running_loop().time())
    done, pending = await asyncio.wait(tasks)
    print(len(done), len(pending), sorted(t.result() for t in done))
    print(asyncio.get_running_loop().time())

asyncio.run(main())
