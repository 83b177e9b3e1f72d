"""Timers set in the past fire before those due now, in deadline order; equal deadlines
keep the order they were scheduled in."""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    await asyncio.sleep(1)
    loop.call_later(0, print, "delay 0")
    loop.call_later(-0.5, print, "delay -0.5")
    loop.call_at(loop.time() - 2, print, "two seconds ago")
    loop.call_later(-0.5, print, "delay -0.5 again")
    loop.call_at(loop.time(), print, "call_at now")
    loop.call_later(0.25, print, "delay 0.25")
    await asyncio.sleep(-3)
    print("sleep(-3) returned at", loop.time())
    await asyncio.sleep(0.5)
    print("done at", loop.time())


asyncio.run(main())
