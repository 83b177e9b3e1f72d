"""wait_for returns the result when the awaitable finishes in time; a timeout of None
waits as long as it takes; a zero timeout on an unfinished task cancels it at once."""
import asyncio

async def job(n):
    await asyncio.sleep(n)
    return f"job {n}"

async def main():
    print(await asyncio.wait_for(job(1), timeout=2))
    print(await asyncio.wait_for(job(3), timeout=None))
    t = asyncio.create_task(job(1))
    try:
        await asyncio.wait_for(t, timeout=0)
    except TimeoutError:
        print("zero timeout", t.cancelled())
    done = asyncio.create_task(job(0))
    await asyncio.sleep(0.1)
    print(await asyncio.wait_for(done, 0))
    print(asyncio.get_running_loop().time())

asyncio.run(main())
