"""A task cancelled before its first step never runs its body; a coroutine cancelled
while it awaits another task leaves that task running."""
import asyncio

async def body(name):
    print(name, "runs")
    await asyncio.sleep(1)
    print(name, "ends")
    return name

async def waiter(inner):
    return await inner

async def main():
    t = asyncio.create_task(body("never"))
    t.cancel()
    await asyncio.sleep(0)
    print(t.cancelled())
    inner = asyncio.create_task(body("inner"))
    outer = asyncio.create_task(waiter(inner))
    await asyncio.sleep(0)
    outer.cancel()
    await asyncio.sleep(0)
    print(outer.cancelled(), inner.cancelled())
    print(await asyncio.gather(inner, return_exceptions=True))

asyncio.run(main())
