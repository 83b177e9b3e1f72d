"""asyncio.Semaphore(2) lets two tasks in at a time; BoundedSemaphore refuses an extra
release."""
import asyncio

async def worker(sem, i):
    async with sem:
        print("start", i, asyncio.get_running_loop().time())
        await asyncio.sleep(1)
    print("end", i)

async def main():
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*(worker(sem, i) for i in range(5)))
    print(sem.locked())
    b = asyncio.BoundedSemaphore(1)
    await b.acquire()
    b.release()
    try:
        b.release()
    except ValueError as e:
        print("ValueError:", e)
    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        print("ValueError:", e)

asyncio.run(main())
