"""asyncio.sleep's edges: a result, a bool or int delay, a delay of the wrong type, a sleep cancelled before its
timer (the clock does not stop there), a sleep whose task is cancelled as its timer fires,
a coroutine closed while it sleeps, and sleep outside a running loop."""
import asyncio


async def napper(name, delay):
    try:
        await asyncio.sleep(delay)
        print(name, 'woke at', asyncio.get_running_loop().time())
    except asyncio.CancelledError:
        print(name, 'cancelled at', asyncio.get_running_loop().time())
        raise


async def main():
    loop = asyncio.get_running_loop()
    print('result', await asyncio.sleep(0.5, result='done'), loop.time())
    print('bool', await asyncio.sleep(True, 'b'), loop.time())
    print('int', await asyncio.sleep(2, 7), loop.time())
    try:
        await asyncio.sleep('1')
    except TypeError as e:
        print('str', e)

    long = asyncio.create_task(napper('long', 100))
    short = asyncio.create_task(napper('short', 1))
    await asyncio.sleep(0.5)
    long.cancel()
    await asyncio.gather(long, short, return_exceptions=True)
    print('after cancel', loop.time())

    first = asyncio.create_task(napper('first', 1))
    second = asyncio.create_task(napper('second', 1))

    def cancel_second():
        second.cancel()

    loop.call_at(loop.time() + 1, cancel_second)
    await asyncio.gather(first, second, return_exceptions=True)
    print('same deadline', loop.time())

    coro = asyncio.sleep(5)
    coro.send(None)
    coro.close()
    await asyncio.sleep(0)
    print('closed', loop.time())

    try:
        await asyncio.wait_for(asyncio.sleep(10, 'late'), 1)
    except asyncio.TimeoutError:
        print('timed out at', loop.time())


asyncio.run(main())
try:
    asyncio.run(asyncio.sleep(-1))
    print('negative ok')
    coro = asyncio.sleep(1)
    coro.send(None)
except RuntimeError as e:
    print('outside', e)
