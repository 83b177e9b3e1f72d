"""shield: cancelling the waiter does not cancel the shielded task, which finishes on its
own; the shield's outer future is what gets cancelled."""
import asyncio

async def important():
    await asyncio.sleep(2)
    print("important work done")
    return 42

async def waiter(inner):
    try:
        return await asyncio.shield(inner)
    except asyncio.CancelledError:
        print("waiter cancelled")
        raise

async def main():
    inner = asyncio.create_task(important())
    w = asyncio.create_task(waiter(inner))
    await asyncio.sleep(1)
    w.cancel()
    await asyncio.sleep(0)
    print(w.cancelled(), inner.cancelled())
    print(await inner)
    done = asyncio.create_task(important())
    await done
    print(asyncio.shield(done) is done)

asyncio.run(main())
