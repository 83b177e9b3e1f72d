"""A worker thread submits coroutines to the main loop with run_coroutine_threadsafe and
blocks on their results; the loop keeps running meanwhile."""
import asyncio
import threading


async def double(x):
    await asyncio.sleep(0.5)
    return 2 * x


async def fail():
    await asyncio.sleep(0.1)
    raise ValueError("bad input")


def worker(loop):
    future = asyncio.run_coroutine_threadsafe(double(21), loop)
    print("worker: result", future.result())
    print("worker: done", future.done())
    failing = asyncio.run_coroutine_threadsafe(fail(), loop)
    try:
        failing.result()
    except ValueError as e:
        print("worker: error", e)
    return "worker finished"


async def ticker():
    for i in range(3):
        await asyncio.sleep(0.2)
        print("tick", i, asyncio.get_running_loop().time())


async def main():
    loop = asyncio.get_running_loop()
    tick = asyncio.create_task(ticker())
    value = await asyncio.to_thread(worker, loop)
    print("main:", value, "at", loop.time())
    await tick


asyncio.run(main())
