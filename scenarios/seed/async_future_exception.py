"""The tutorial's set_exception variant: awaiting the future raises the exception set on
it, which main reports."""
import asyncio

async def set_future_value(future):
    await asyncio.sleep(1)
    future.set_exception(Exception('Something went wrong'))

async def main():
    future = asyncio.Future()
    await asyncio.gather(set_future_value(future))
    try:
        result = await future
        print(result)
    except Exception as e:
        print(f"Caught: {e}")

asyncio.run(main())
