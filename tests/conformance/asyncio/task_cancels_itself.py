"""A task that cancels itself while running: the cancellation lands on the next future it
awaits, at once, with the message."""
import asyncio


async def selfish():
    loop = asyncio.get_running_loop()
    task = asyncio.current_task()
    print("cancel() while running:", task.cancel("from inside"))
    print("cancelling:", task.cancelling())
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        print("cancelled while awaiting:", e.args, "at", loop.time())
        raise


async def main():
    task = asyncio.create_task(selfish())
    try:
        await task
    except asyncio.CancelledError:
        print("main: task cancelled:", task.cancelled())


asyncio.run(main())
