"""asyncio.Queue where it is not the plain case: a subclass with its own _put, a method
replaced on the class, an instance attribute hiding a method, a cancelled getter left in
the waiters, an unbounded queue, and join after put and get."""
import asyncio


class Doubling(asyncio.Queue):
    def _put(self, item):
        self._queue.append(item * 2)


async def getter(q, name):
    item = await q.get()
    print(name, 'got', item)


async def main():
    q = Doubling(maxsize=2)
    await q.put(1)
    await q.put(2)
    print('doubled', await q.get(), await q.get())

    q = asyncio.Queue()
    q.empty = lambda: print('instance empty called') or False
    q.put_nowait('x')
    print('hidden', await q.get())

    waiting = asyncio.create_task(getter(asyncio.Queue(), 'never'))
    q = asyncio.Queue(maxsize=1)
    first = asyncio.create_task(getter(q, 'first'))
    second = asyncio.create_task(getter(q, 'second'))
    await asyncio.sleep(0)
    first.cancel()
    await asyncio.sleep(0)
    await q.put('a')
    await asyncio.sleep(0)
    print('getters left', len(q._getters), 'first cancelled', first.cancelled())
    waiting.cancel()

    q = asyncio.Queue()
    for i in range(5):
        await q.put(i)
    print('unbounded', q.qsize(), q.full(), q._unfinished_tasks, q._finished.is_set())
    while not q.empty():
        await q.get()
        q.task_done()
    await q.join()
    print('joined', q._unfinished_tasks, q._finished.is_set())

    original = asyncio.Queue.full
    asyncio.Queue.full = lambda self: print('patched full') or original(self)
    q = asyncio.Queue(maxsize=1)
    await q.put('p')
    print('patched', q.get_nowait())
    asyncio.Queue.full = original
    await asyncio.sleep(0)


asyncio.run(main())
