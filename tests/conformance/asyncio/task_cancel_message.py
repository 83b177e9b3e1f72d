"""A cancel message reaches the CancelledError inside the task and the one its awaiter
gets."""
import asyncio

async def victim():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError as e:
        print("inside:", e.args)
        raise

async def main():
    t = asyncio.create_task(victim())
    await asyncio.sleep(0)
    t.cancel("shutting down")
    try:
        await t
    except asyncio.CancelledError as e:
        print("outside:", e.args)

asyncio.run(main())
