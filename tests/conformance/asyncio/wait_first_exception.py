"""wait(FIRST_EXCEPTION) returns when a task fails (or when all are done); exceptions
stay in the tasks and wait itself does not raise."""
import asyncio

async def job(n, fail=False):
    await asyncio.sleep(n)
    if fail:
        raise ValueError(n)
    return n

async def main():
    tasks = [asyncio.create_task(job(1)), asyncio.create_task(job(2, True)), asyncio.create_task(job(3))]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print(len(done), len(pending), asyncio.get_running_loop().time())
    for t in tasks:
        if t.done():
            print(t.get_name(), repr(t.exception()))
    ok = [asyncio.create_task(job(1)), asyncio.create_task(job(2))]
    done, pending = await asyncio.wait(ok, return_when=asyncio.FIRST_EXCEPTION)
    print(len(done), len(pending), asyncio.get_running_loop().time())
    await asyncio.wait(pending or tasks)

asyncio.run(main())
