"""as_completed with a timeout raises TimeoutError for what has not finished by then."""
import asyncio

async def job(n):
    await asyncio.sleep(n)
    return n

async def main():
    tasks = [asyncio.create_task(job(n)) for n in (1, 5)]
    try:
        for f in asyncio.as_completed(tasks, timeout=2):
            print("got", await f)
    except asyncio.TimeoutError:
        print("timed out at", asyncio.get_running_loop().time())
    print([t.done() for t in tasks])
    tasks[1].cancel()

asyncio.run(main())
