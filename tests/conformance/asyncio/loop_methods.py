"""A loop made with new_event_loop: run_until_complete returns the coroutine's result,
is_running is true only inside, run_forever runs until stop(), and a closed loop refuses
new work."""
import asyncio

async def compute(loop, x):
    print("running:", loop.is_running(), asyncio.get_running_loop() is loop)
    await asyncio.sleep(1)
    return x * 2

loop = asyncio.new_event_loop()
print(loop.is_running(), loop.is_closed())
print(loop.run_until_complete(compute(loop, 21)))
loop.call_later(2, loop.stop)
loop.call_soon(print, "callback in run_forever")
loop.run_forever()
print("stopped at", loop.time())
loop.close()
print(loop.is_closed())
try:
    loop.call_soon(print, "x")
except RuntimeError as e:
    print("RuntimeError:", e)
