"""asyncio.timeout: the block is cancelled at the deadline and TimeoutError comes out of
the async with; expired() tells; timeout_at takes loop time; reschedule moves the
deadline; a block that finishes in time is untouched."""
import asyncio

async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(1) as cm:
            print("when", cm.when())
            await asyncio.sleep(5)
    except TimeoutError:
        print("timed out at", loop.time(), cm.expired())
    async with asyncio.timeout(3) as cm:
        await asyncio.sleep(1)
    print("in time", cm.expired(), loop.time())
    try:
        async with asyncio.timeout_at(loop.time() + 1) as cm:
            cm.reschedule(loop.time() + 2)
            await asyncio.sleep(5)
    except TimeoutError:
        print("rescheduled timeout at", loop.time())
    async with asyncio.timeout(None) as cm:
        await asyncio.sleep(1)
        print("no deadline", cm.when())

asyncio.run(main())
