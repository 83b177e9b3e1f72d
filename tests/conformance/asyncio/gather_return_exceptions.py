"""gather(return_exceptions=True) puts exceptions (and a cancelled child's
CancelledError) into the result list instead of raising."""
import asyncio

async def ok(n):
    await asyncio.sleep(n)
    return n

async def fail(n):
    await asyncio.sleep(n)
    raise ValueError(f"bad {n}")

async def main():
    loop = asyncio.get_running_loop()
    cancelled = asyncio.create_task(ok(5))
    loop.call_later(0.5, cancelled.cancel)
    results = await asyncio.gather(ok(1), fail(2), cancelled, return_exceptions=True)
    for r in results:
        print(type(r).__name__, r)

asyncio.run(main())
