"""One loop iteration runs only the callbacks that were ready when it began: what they
schedule (with call_soon, or a timer due at once) waits for the next iteration, and the
due timers join the ready queue after the callbacks already waiting."""
import asyncio


async def main():
    loop = asyncio.get_running_loop()

    def x():
        print("x: a timer due now")
        loop.call_later(0, print, "timer from x")

    def y():
        print("y: call_soon z")
        loop.call_soon(print, "z from y")

    def w():
        print("w: a timer in the past and call_soon v")
        loop.call_at(loop.time() - 1, print, "past timer from w")
        loop.call_soon(print, "v from w")

    loop.call_soon(x)
    loop.call_soon(y)
    loop.call_soon(w)
    await asyncio.sleep(0)
    print("main after sleep(0)")
    await asyncio.sleep(0.1)
    print("main at", loop.time())


asyncio.run(main())
