"""Timers: equal deadlines fire in the order they were scheduled, earlier deadlines
first, call_at takes absolute loop time, TimerHandle.when() reports the deadline, and a
cancelled timer never fires."""
import asyncio

def fire(name):
    loop = asyncio.get_running_loop()
    print(f"{name} at {loop.time()}")

async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    loop.call_later(2, fire, "b1")
    loop.call_later(1, fire, "a")
    loop.call_later(2, fire, "b2")
    h = loop.call_later(1.5, fire, "never")
    loop.call_at(start + 2, fire, "b3")
    t = loop.call_later(3, fire, "c")
    print(t.when() - start)
    h.cancel()
    await asyncio.sleep(3)
    print("main wakes at", loop.time() - start)
    await asyncio.sleep(0)

asyncio.run(main())
