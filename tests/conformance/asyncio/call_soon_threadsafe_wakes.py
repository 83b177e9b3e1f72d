"""A thread completes a future on the loop with call_soon_threadsafe; the waiting
coroutine wakes up."""
import asyncio
import threading


def producer(loop, fut, ready):
    ready.wait()
    print("thread: handing over 42")
    loop.call_soon_threadsafe(fut.set_result, 42)


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    ready = threading.Event()
    t = threading.Thread(target=producer, args=(loop, fut, ready))
    t.start()
    print("main: waiting for the thread")
    ready.set()
    value = await fut
    print("main: got", value)
    t.join()
    handle = loop.call_soon_threadsafe(print, "a callback from the loop's own thread")
    print(type(handle).__name__, handle.cancelled())
    await asyncio.sleep(0)
    print("done")


asyncio.run(main())
