"""Cleanup after a cancellation may itself await: the finally block sleeps before the
task ends cancelled, and the awaiter sees the end only after it."""
import asyncio

async def worker():
    try:
        await asyncio.sleep(10)
    finally:
        print("cleanup starts", asyncio.get_running_loop().time())
        await asyncio.sleep(2)
        print("cleanup ends", asyncio.get_running_loop().time())

async def main():
    t = asyncio.create_task(worker())
    await asyncio.sleep(1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled at", asyncio.get_running_loop().time())

asyncio.run(main())
