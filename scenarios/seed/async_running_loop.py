"""The tutorial's get_running_loop example: the future comes from loop.create_future()."""
import asyncio

async def set_future_value(future):
    await asyncio.sleep(1)
    future.set_result("Hello, World!")

async def main():
    loop = asyncio.get_running_loop()
    future = loop.create_future()
    await asyncio.gather(set_future_value(future))
    result = await future
    print(result)

asyncio.run(main())
