"""gather returns results in the order of its arguments, whatever order the children
finish in, and accepts tasks and coroutines mixed; the same awaitable twice is run once."""
import asyncio

async def job(name, delay):
    await asyncio.sleep(delay)
    print("finished", name)
    return name.upper()

async def main():
    t = asyncio.create_task(job("task", 2))
    results = await asyncio.gather(job("slow", 3), t, job("fast", 1))
    print(results)
    c = asyncio.create_task(job("twice", 1))
    print(await asyncio.gather(c, c))
    print(await asyncio.gather())

asyncio.run(main())
