"""Awaits of asyncio.sleep and Queue.put/get that sim finishes at the await site, at
their edges: a sleep's future finished by someone else (a result, an exception), a
coroutine driven by hand and closed while it sleeps, a sleep's default result, keyword
and unbound-method calls, a full or empty queue awaited by several tasks, and a waiting
get whose item is taken before it runs, whose queue's class is patched while it waits,
whose getter gets an exception, or whose coroutine is closed by hand."""
import asyncio


async def napper(name, delay):
    try:
        got = await asyncio.sleep(delay)
        print(name, 'woke with', got, 'at', asyncio.get_running_loop().time())
    except ValueError as e:
        print(name, 'raised', e, 'at', asyncio.get_running_loop().time())


async def consumer(q, name):
    try:
        item = await q.get()
        print(name, 'got', item)
    except ValueError as e:
        print(name, 'raised', e)


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

    q = asyncio.Queue()
    robbed = asyncio.create_task(consumer(q, 'robbed'))
    await asyncio.sleep(0)
    q.put_nowait('stolen')
    print('took', q.get_nowait(), len(q._getters))
    await asyncio.sleep(0)
    print('waits again', len(q._getters), robbed.done())
    await q.put('second')
    await robbed

    patient = asyncio.create_task(consumer(q, 'patient'))
    await asyncio.sleep(0)
    original = asyncio.Queue.empty
    asyncio.Queue.empty = lambda self: print('patched empty') or original(self)
    await q.put('patched')
    await patient
    asyncio.Queue.empty = original

    failing = asyncio.create_task(consumer(q, 'failing'))
    await asyncio.sleep(0)
    failing._fut_waiter.set_exception(ValueError('no item'))
    await failing
    print('getters', len(q._getters))

    coro = consumer(q, 'by hand')
    getter = coro.send(None)
    print('waiting by hand', len(q._getters), getter.done())
    coro.close()
    print('closed', len(q._getters), getter.cancelled())


asyncio.run(main())
