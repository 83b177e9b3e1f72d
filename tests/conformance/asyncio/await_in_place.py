"""Awaits of asyncio.sleep and Queue.put/get that sim finishes at the await site, at
their edges: a sleep's future finished by someone else (a result, an exception), a
coroutine driven by hand and closed while it sleeps, a sleep's default result, keyword
and unbound-method calls, and a full or empty queue awaited by several tasks."""
import asyncio


async def napper(name, delay):
    try:
        got = await asyncio.sleep(delay)
        print(name, 'woke with', got, 'at', asyncio.get_running_loop().time())
    except ValueError as e:
        print(name, 'raised', e, 'at', asyncio.get_running_loop().time())


async def consumer(q, name):
    item = await q.get()
    print(name, 'got', item)


async def producer(q, name, item):
    await q.put(item)
    print(name, 'put', item)


async def main():
    loop = asyncio.get_running_loop()
    early = asyncio.create_task(napper('early', 5))
    failing = asyncio.create_task(napper('failing', 5))
    await asyncio.sleep(1)
    early._fut_waiter.set_result('early')
    failing._fut_waiter.set_exception(ValueError('boom'))
    await asyncio.gather(early, failing)
    await asyncio.sleep(10)
    print('past their timers', loop.time())

    coro = napper('by hand', 3)
    fut = coro.send(None)
    print('yielded', type(fut).__name__, fut.done())
    coro.close()
    await asyncio.sleep(5)
    print('closed by hand', loop.time(), fut.done())

    print('default', await asyncio.sleep(0.5), 'keyword', await asyncio.sleep(delay=0.5, result='kw'))

    q = asyncio.Queue(maxsize=1)
    await asyncio.Queue.put(q, 'unbound')
    print('unbound', await asyncio.Queue.get(q))
    await q.put(item='keyword')
    print('keyword', await q.get())

    tasks = [asyncio.create_task(consumer(q, f'c{i}')) for i in range(3)]
    tasks += [asyncio.create_task(producer(q, f'p{i}', i)) for i in range(4)]
    await asyncio.sleep(0)
    print('queued', q.qsize(), len(q._getters), len(q._putters))
    await asyncio.gather(*tasks[:3])
    print('left', q.qsize(), [t.done() for t in tasks[3:]])
    print('last', await q.get(), await q.get() if not q.empty() else None)
    await asyncio.gather(*tasks[3:])
    print('end', loop.time())


asyncio.run(main())
