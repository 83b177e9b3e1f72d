"""Cancelling the future gather returns cancels every child; awaiting it raises
CancelledError; a child cancelled alone makes gather raise CancelledError too."""
import asyncio

async def child(name):
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise

async def main():
    g = asyncio.gather(child("x"), child("y"))
    await asyncio.sleep(1)
    print("cancel:", g.cancel())
    try:
        await g
    except asyncio.CancelledError:
        print("gather cancelled", g.cancelled())
    t = asyncio.create_task(child("z"))
    g2 = asyncio.gather(t, asyncio.sleep(1, "w"))
    await asyncio.sleep(0)
    t.cancel()
    try:
        await g2
    except asyncio.CancelledError:
        print("g2 raised CancelledError")

asyncio.run(main())
