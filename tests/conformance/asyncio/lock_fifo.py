"""asyncio.Lock hands itself to waiters in FIFO order: a task that arrives while others
wait does not barge in; async with releases on the way out."""
import asyncio

async def user(lock, name, hold):
    async with lock:
        print(name, "has the lock at", asyncio.get_running_loop().time())
        await asyncio.sleep(hold)

async def late(lock):
    await asyncio.sleep(1.5)
    print("late arrives, locked:", lock.locked())
    await user(lock, "late", 0.5)

async def main():
    lock = asyncio.Lock()
    await asyncio.gather(user(lock, "a", 1), user(lock, "b", 1), late(lock), user(lock, "c", 1))
    print(lock.locked())
    try:
        lock.release()
    except RuntimeError as e:
        print("RuntimeError:", e)

asyncio.run(main())
