"""as_completed yields awaitables in the order the tasks finish."""
import asyncio

async def job(name, n):
    await asyncio.sleep(n)
    return name

async def main():
    aws = [job("three", 3), job("one", 1), job("two", 2)]
    for next_done in asyncio.as_completed(aws):
        print(await next_done, asyncio.get_running_loop().time())

asyncio.run(main())
