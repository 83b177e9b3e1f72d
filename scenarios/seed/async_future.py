"""The tutorial's Future example: a coroutine sets the result of an asyncio.Future that
main then awaits."""
import asyncio

async def set_future_value(future):
    await asyncio.sleep(1)
    future.set_result("Hello, World!")

async def main():
    future = asyncio.Future()
    await asyncio.gather(set_future_value(future))
    result = await future
    print(result)

asyncio.run(main())
