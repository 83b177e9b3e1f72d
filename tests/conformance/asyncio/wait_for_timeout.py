"""wait_for cancels the inner task at the timeout and waits for its cleanup before
raising TimeoutError (asyncio.TimeoutError is the built-in TimeoutError)."""
import asyncio

async def long_job():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("inner cancelled at", asyncio.get_running_loop().time())
        await asyncio.sleep(0.5)
        print("inner cleanup done at", asyncio.get_running_loop().time())
        raise

async def main():
    try:
        await asyncio.wait_for(long_job(), timeout=2)
    except asyncio.TimeoutError as e:
        print("TimeoutError at", asyncio.get_running_loop().time(), type(e) is TimeoutError)

asyncio.run(main())
