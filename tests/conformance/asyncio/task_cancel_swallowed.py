"""A task may catch its cancellation and finish normally; cancelling() counts requests
and uncancel() takes one back."""
import asyncio

async def stubborn():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print("ignoring the cancellation")
        task = asyncio.current_task()
        print("cancelling", task.cancelling())
        print("uncancel", task.uncancel())
    await asyncio.sleep(1)
    return "finished anyway"

async def main():
    t = asyncio.create_task(stubborn())
    await asyncio.sleep(1)
    t.cancel()
    print(await t)
    print(t.cancelled(), t.cancelling())
    print(asyncio.get_running_loop().time())

asyncio.run(main())
