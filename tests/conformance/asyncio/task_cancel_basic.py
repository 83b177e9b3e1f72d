"""Cancelling a sleeping task throws CancelledError into it at its await; its handler
and finally run; awaiting it then raises CancelledError; cancel() on a finished task
returns False."""
import asyncio

async def sleeper():
    try:
        print("sleeper starts")
        await asyncio.sleep(10)
        print("not reached")
    except asyncio.CancelledError:
        print("sleeper cancelled")
        raise
    finally:
        print("sleeper cleans up")

async def main():
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(1)
    print("cancel returns", t.cancel())
    print("cancelling", t.cancelling(), "done", t.done())
    try:
        await t
    except asyncio.CancelledError:
        print("main sees the cancellation")
    print(t.cancelled(), t.done(), t.cancel())
    print(asyncio.get_running_loop().time())

asyncio.run(main())
