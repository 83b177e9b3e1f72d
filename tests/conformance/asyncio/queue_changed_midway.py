"""A queue and its _finished event changed after puts and gets went the common way: the
event set again (by task_done and directly), replaced, given its own clear; the queue given
an instance method and more attributes. Each later put and get sees the change."""
import asyncio


async def main():
    q = asyncio.Queue(maxsize=2)
    await q.put(1)
    await q.put(2)
    print('after puts', q._finished.is_set(), q._unfinished_tasks)
    print('got', await q.get(), await q.get())
    q.task_done()
    q.task_done()
    await q.join()
    print('joined', q._finished.is_set())
    await q.put(3)
    print('put after join', q._finished.is_set(), q._unfinished_tasks)
    q._finished.set()
    await q.put(4)
    print('put after set', q._finished.is_set(), q._unfinished_tasks)

    replaced = asyncio.Event()
    replaced.set()
    q._finished = replaced
    print('got', await q.get())
    await q.put(5)
    print('replaced event', replaced.is_set(), q._finished is replaced)

    q._finished.clear = lambda: print('instance clear called')
    print('got', await q.get())
    await q.put(6)
    print('own clear', q._finished.is_set())
    del q._finished.clear
    q._finished.set()
    print('got', await q.get())
    await q.put(7)
    print('clear again', q._finished.is_set())

    q.extra = 'more'
    q.more = 'still more'
    print('got', await q.get())
    await q.put(8)
    print('more attributes', q.qsize(), q._unfinished_tasks)

    q.full = lambda: print('instance full called') or False
    await q.put(9)
    print('own full', q.qsize())
    del q.full
    q._queue.clear()
    q._getters.append(asyncio.get_running_loop().create_future())
    q._getters[0].set_result(None)
    await q.put(10)
    print('done getter dropped', len(q._getters), q.qsize())


asyncio.run(main())
