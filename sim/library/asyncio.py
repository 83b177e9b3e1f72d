# The parts of Python's asyncio that CPython 3.11 writes in Python (Lib/asyncio/runners.py,
# base_events.py, tasks.py, locks.py, queues.py, timeouts.py, taskgroups.py), written as
# CPython writes them, on top of sim's native Future, Task and event loop.
#
# Classes whose CPython names clash with the threading and queue classes carry their
# CPython name and module in __qualname__ and __module__.


# ----- base_events.py: running the loop -----


def _run_handle(loop, callback, args):
    # Handle._run: an exception in a callback is reported, and the loop goes on.
    try:
        callback(*args)
    except (SystemExit, KeyboardInterrupt):
        raise
    except BaseException as exc:
        loop.call_exception_handler({
            'message': f'Exception in callback {asyncio._callback_text(callback, args)}',
            'exception': exc,
        })
    return True


def _loop_run_forever(self):
    self._begin_running()
    try:
        while self._run_once_step():
            pass
    finally:
        self._end_running()


def _loop_run_until_complete(self, future):
    self._check_closed()
    self._check_running()
    new_task = not asyncio.isfuture(future)
    future = asyncio.ensure_future(future, loop=self)
    future.add_done_callback(asyncio._run_until_complete_cb)
    try:
        self.run_forever()
    except:
        if new_task and future.done() and not future.cancelled():
            future.exception()
        raise
    finally:
        future.remove_done_callback(asyncio._run_until_complete_cb)
    if not future.done():
        raise RuntimeError('Event loop stopped before Future completed.')
    return future.result()


async def _loop_shutdown_asyncgens(self):
    pass


async def _loop_shutdown_default_executor(self):
    pass


def _loop_call_exception_handler(self, context):
    message = context.get('message')
    if not message:
        message = 'Unhandled exception in event loop'
    lines = [message]
    for key in sorted(context):
        if key in ('message', 'exception'):
            continue
        lines.append(f'{key}: {context[key]!r}')
    asyncio._log_error('\n'.join(lines), context.get('exception'))


def _loop_run_in_executor(self, executor, func, *args):
    self._check_closed()
    future = self.create_future()
    worker = Thread(target=_executor_work, args=(self, future, func, args),
                    name=f'asyncio_{asyncio._executor_thread_number()}')
    worker.start()
    return future


def _executor_work(loop, future, func, args):
    try:
        result = func(*args)
    except BaseException as exc:
        loop.call_soon_threadsafe(_executor_done, future, None, exc)
    else:
        loop.call_soon_threadsafe(_executor_done, future, result, None)


def _executor_done(future, result, exc):
    if future.cancelled():
        return
    if exc is None:
        future.set_result(result)
    else:
        future.set_exception(exc)


asyncio.AbstractEventLoop.run_forever = _loop_run_forever
asyncio.AbstractEventLoop.run_until_complete = _loop_run_until_complete
asyncio.AbstractEventLoop.shutdown_asyncgens = _loop_shutdown_asyncgens
asyncio.AbstractEventLoop.shutdown_default_executor = _loop_shutdown_default_executor
asyncio.AbstractEventLoop.call_exception_handler = _loop_call_exception_handler
asyncio.AbstractEventLoop.run_in_executor = _loop_run_in_executor


# ----- runners.py -----


class Runner:
    __module__ = 'asyncio.runners'

    def __init__(self, *, debug=None, loop_factory=None):
        self._state = 'created'
        self._debug = debug
        self._loop_factory = loop_factory
        self._loop = None
        self._set_event_loop = False

    def __enter__(self):
        self._lazy_init()
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.close()

    def close(self):
        if self._state != 'initialized':
            return
        try:
            loop = self._loop
            _cancel_all_tasks(loop)
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.run_until_complete(loop.shutdown_default_executor())
        finally:
            if self._set_event_loop:
                asyncio.set_event_loop(None)
            loop.close()
            self._loop = None
            self._state = 'closed'

    def get_loop(self):
        self._lazy_init()
        return self._loop

    def run(self, coro, *, context=None):
        if not asyncio.iscoroutine(coro):
            raise ValueError('a coroutine was expected, got {!r}'.format(coro))
        if asyncio._get_running_loop() is not None:
            raise RuntimeError('Runner.run() cannot be called from a running event loop')
        self._lazy_init()
        task = self._loop.create_task(coro)
        return self._loop.run_until_complete(task)

    def _lazy_init(self):
        if self._state == 'closed':
            raise RuntimeError('Runner is closed')
        if self._state == 'initialized':
            return
        if self._loop_factory is None:
            self._loop = asyncio.new_event_loop()
            if not self._set_event_loop:
                asyncio.set_event_loop(self._loop)
                self._set_event_loop = True
        else:
            self._loop = self._loop_factory()
        if self._debug is not None:
            self._loop.set_debug(self._debug)
        self._state = 'initialized'


def run(main, *, debug=None):
    if asyncio._get_running_loop() is not None:
        raise RuntimeError('asyncio.run() cannot be called from a running event loop')
    with Runner(debug=debug) as runner:
        return runner.run(main)


def _cancel_all_tasks(loop):
    # CPython iterates a set of tasks here, in no defined order; sim cancels them in the
    # order they were created.
    to_cancel = asyncio._pending_tasks(loop)
    if not to_cancel:
        return
    for task in to_cancel:
        task.cancel()
    loop.run_until_complete(gather(*to_cancel, return_exceptions=True))
    for task in to_cancel:
        if task.cancelled():
            continue
        if task.exception() is not None:
            loop.call_exception_handler({
                'message': 'unhandled exception during asyncio.run() shutdown',
                'exception': task.exception(),
                'task': task,
            })


# ----- tasks.py -----


class _Sleep0:
    __qualname__ = '__sleep0'
    __module__ = 'asyncio.tasks'

    def __await__(self):
        yield


_SLEEP0 = _Sleep0()


async def sleep(delay, result=None):
    if delay <= 0:
        await _SLEEP0
        return result
    # The running loop's create_future and call_later, natively, without a handle
    # (None, having done nothing, when the loop's own methods would not be the ones
    # called).
    future = asyncio._sleep_timer(delay, result)
    if future is None:
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        h = loop.call_later(delay, asyncio._set_result_unless_cancelled, future, result)
        try:
            return await future
        finally:
            h.cancel()
    try:
        return await future
    finally:
        asyncio._sleep_ended(future)


def _ensure_future(coro_or_future, *, loop=None):
    if asyncio.isfuture(coro_or_future):
        if loop is not None and loop is not coro_or_future.get_loop():
            raise ValueError('The future belongs to a different loop than '
                             'the one specified as the loop argument')
        return coro_or_future
    if not asyncio.iscoroutine(coro_or_future):
        raise TypeError('An asyncio.Future, a coroutine or an awaitable is required')
    if loop is None:
        loop = asyncio.get_event_loop()
    return loop.create_task(coro_or_future)


def gather(*coros_or_futures, return_exceptions=False):
    if not coros_or_futures:
        loop = asyncio.get_event_loop()
        outer = loop.create_future()
        outer.set_result([])
        return outer

    nfinished = 0
    nfuts = 0
    outer = None

    def _done_callback(fut):
        nonlocal nfinished
        nfinished += 1

        if outer is None or outer.done():
            if not fut.cancelled():
                fut.exception()
            return

        if not return_exceptions:
            if fut.cancelled():
                exc = fut._make_cancelled_error()
                outer.set_exception(exc)
                return
            else:
                exc = fut.exception()
                if exc is not None:
                    outer.set_exception(exc)
                    return

        if nfinished == nfuts:
            results = []
            for fut in children:
                if fut.cancelled():
                    res = asyncio.CancelledError(
                        '' if fut._cancel_message is None else fut._cancel_message)
                else:
                    res = fut.exception()
                    if res is None:
                        res = fut.result()
                results.append(res)

            if outer._cancel_requested:
                exc = fut._make_cancelled_error()
                outer.set_exception(exc)
            else:
                outer.set_result(results)

    arg_to_fut = {}
    children = []
    loop = None
    for arg in coros_or_futures:
        if arg not in arg_to_fut:
            fut = _ensure_future(arg, loop=loop)
            if loop is None:
                loop = fut.get_loop()
            nfuts += 1
            arg_to_fut[arg] = fut
            fut.add_done_callback(_done_callback)
        else:
            fut = arg_to_fut[arg]
        children.append(fut)

    outer = asyncio._GatheringFuture(children, loop=loop)
    return outer


FIRST_COMPLETED = 'FIRST_COMPLETED'
FIRST_EXCEPTION = 'FIRST_EXCEPTION'
ALL_COMPLETED = 'ALL_COMPLETED'


async def wait(fs, *, timeout=None, return_when=ALL_COMPLETED):
    if asyncio.isfuture(fs) or asyncio.iscoroutine(fs):
        raise TypeError(f'expect a list of futures, not {type(fs).__name__}')
    if not fs:
        raise ValueError('Set of Tasks/Futures is empty.')
    if return_when not in (FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED):
        raise ValueError(f'Invalid return_when value: {return_when}')

    fs = _unique(fs)

    if any(asyncio.iscoroutine(f) for f in fs):
        raise TypeError("Passing coroutines is forbidden, use tasks explicitly.")

    loop = asyncio.get_running_loop()
    return await _wait(fs, timeout, return_when, loop)


def _unique(items):
    # `set(fs)` in CPython, whose order follows memory addresses; sim keeps the order
    # the futures were given in.
    seen = {}
    for item in items:
        seen[item] = None
    return list(seen)


def _release_waiter(waiter, *args):
    if not waiter.done():
        waiter.set_result(None)


async def wait_for(fut, timeout):
    loop = asyncio.get_running_loop()

    if timeout is None:
        return await fut

    if timeout <= 0:
        fut = asyncio.ensure_future(fut, loop=loop)

        if fut.done():
            return fut.result()

        await _cancel_and_wait(fut, loop=loop)
        try:
            return fut.result()
        except asyncio.CancelledError as exc:
            raise TimeoutError() from exc

    waiter = loop.create_future()
    timeout_handle = loop.call_later(timeout, _release_waiter, waiter)
    cb = _partial_release(waiter)

    fut = asyncio.ensure_future(fut, loop=loop)
    fut.add_done_callback(cb)

    try:
        try:
            await waiter
        except asyncio.CancelledError:
            if fut.done():
                return fut.result()
            else:
                fut.remove_done_callback(cb)
                await _cancel_and_wait(fut, loop=loop)
                raise

        if fut.done():
            return fut.result()
        else:
            fut.remove_done_callback(cb)
            await _cancel_and_wait(fut, loop=loop)
            try:
                return fut.result()
            except asyncio.CancelledError as exc:
                raise TimeoutError() from exc
    finally:
        timeout_handle.cancel()


def _partial_release(waiter):
    def release(*args):
        _release_waiter(waiter, *args)
    return release


async def _wait(fs, timeout, return_when, loop):
    waiter = loop.create_future()
    timeout_handle = None
    if timeout is not None:
        timeout_handle = loop.call_later(timeout, _release_waiter, waiter)
    counter = len(fs)

    def _on_completion(f):
        nonlocal counter
        counter -= 1
        if (counter <= 0 or
            return_when == FIRST_COMPLETED or
            return_when == FIRST_EXCEPTION and (not f.cancelled() and
                                                f.exception() is not None)):
            if timeout_handle is not None:
                timeout_handle.cancel()
            if not waiter.done():
                waiter.set_result(None)

    for f in fs:
        f.add_done_callback(_on_completion)

    try:
        await waiter
    finally:
        if timeout_handle is not None:
            timeout_handle.cancel()
        for f in fs:
            f.remove_done_callback(_on_completion)

    done, pending = set(), set()
    for f in fs:
        if f.done():
            done.add(f)
        else:
            pending.add(f)
    return done, pending


async def _cancel_and_wait(fut, loop):
    waiter = loop.create_future()
    cb = _partial_release(waiter)
    fut.add_done_callback(cb)

    try:
        fut.cancel()
        await waiter
    finally:
        fut.remove_done_callback(cb)


def as_completed(fs, *, timeout=None):
    if asyncio.isfuture(fs) or asyncio.iscoroutine(fs):
        raise TypeError(f"expect an iterable of futures, not {type(fs).__name__}")

    done = _AioQueue()
    loop = asyncio.get_event_loop()
    todo = {}
    for f in _unique(fs):
        todo[asyncio.ensure_future(f, loop=loop)] = None
    timeout_handle = None

    def _on_timeout():
        for f in todo:
            f.remove_done_callback(_on_completion)
            done.put_nowait(None)
        todo.clear()

    def _on_completion(f):
        nonlocal timeout_handle
        if not todo:
            return
        del todo[f]
        done.put_nowait(f)
        if not todo and timeout_handle is not None:
            timeout_handle.cancel()

    async def _wait_for_one():
        f = await done.get()
        if f is None:
            raise TimeoutError
        return f.result()

    for f in todo:
        f.add_done_callback(_on_completion)
    if todo and timeout is not None:
        timeout_handle = loop.call_later(timeout, _on_timeout)
    for _ in range(len(todo)):
        yield _wait_for_one()


def shield(arg):
    inner = _ensure_future(arg)
    if inner.done():
        return inner
    loop = inner.get_loop()
    outer = loop.create_future()

    def _inner_done_callback(inner):
        if outer.cancelled():
            if not inner.cancelled():
                inner.exception()
            return

        if inner.cancelled():
            outer.cancel()
        else:
            exc = inner.exception()
            if exc is not None:
                outer.set_exception(exc)
            else:
                outer.set_result(inner.result())

    def _outer_done_callback(outer):
        if not inner.done():
            inner.remove_done_callback(_inner_done_callback)

    inner.add_done_callback(_inner_done_callback)
    outer.add_done_callback(_outer_done_callback)
    return outer


async def to_thread(func, *args, **kwargs):
    loop = asyncio.get_running_loop()

    def call():
        return func(*args, **kwargs)
    return await loop.run_in_executor(None, call)


class _ConcurrentFuture:
    # concurrent.futures.Future, as run_coroutine_threadsafe returns it: result() blocks
    # the calling thread until the loop's thread has finished the coroutine.
    __qualname__ = 'Future'
    __module__ = 'concurrent.futures._base'

    def __init__(self):
        self._done = Event()
        self._result = None
        self._exception = None

    def done(self):
        return self._done.is_set()

    def result(self, timeout=None):
        if not self._done.wait(timeout):
            raise TimeoutError()
        if self._exception is not None:
            raise self._exception
        return self._result

    def exception(self, timeout=None):
        if not self._done.wait(timeout):
            raise TimeoutError()
        return self._exception


def run_coroutine_threadsafe(coro, loop):
    if not asyncio.iscoroutine(coro):
        raise TypeError('A coroutine object is required')
    future = _ConcurrentFuture()

    def copy_result(task):
        if task.cancelled():
            future._exception = asyncio.CancelledError()
        elif task.exception() is not None:
            future._exception = task.exception()
        else:
            future._result = task.result()
        future._done.set()

    def callback():
        task = asyncio.ensure_future(coro, loop=loop)
        task.add_done_callback(copy_result)

    loop.call_soon_threadsafe(callback)
    return future


# ----- mixins.py and locks.py -----


def _bound_loop(self):
    loop = asyncio._get_running_loop()
    if self._loop is None:
        self._loop = loop
    if loop is not self._loop:
        raise RuntimeError(f'{self!r} is bound to a different event loop')
    return loop


class _AioLock:
    __qualname__ = 'Lock'
    __module__ = 'asyncio.locks'

    def __init__(self):
        self._waiters = None
        self._locked = False
        self._loop = None

    async def __aenter__(self):
        await self.acquire()
        return None

    async def __aexit__(self, exc_type, exc, tb):
        self.release()

    def locked(self):
        return self._locked

    async def acquire(self):
        if (not self._locked and (self._waiters is None or
                all(w.cancelled() for w in self._waiters))):
            self._locked = True
            return True

        if self._waiters is None:
            self._waiters = []
        fut = _bound_loop(self).create_future()
        self._waiters.append(fut)

        try:
            try:
                await fut
            finally:
                self._waiters.remove(fut)
        except asyncio.CancelledError:
            if not self._locked:
                self._wake_up_first()
            raise

        self._locked = True
        return True

    def release(self):
        if self._locked:
            self._locked = False
            self._wake_up_first()
        else:
            raise RuntimeError('Lock is not acquired.')

    def _wake_up_first(self):
        if not self._waiters:
            return
        fut = self._waiters[0]
        if not fut.done():
            fut.set_result(True)


class _AioEvent:
    __qualname__ = 'Event'
    __module__ = 'asyncio.locks'

    def __init__(self):
        self._waiters = []
        self._value = False
        self._loop = None

    def is_set(self):
        return self._value

    def set(self):
        if not self._value:
            self._value = True
            for fut in self._waiters:
                if not fut.done():
                    fut.set_result(True)

    def clear(self):
        self._value = False

    async def wait(self):
        if self._value:
            return True
        fut = _bound_loop(self).create_future()
        self._waiters.append(fut)
        try:
            await fut
            return True
        finally:
            self._waiters.remove(fut)


class _AioCondition:
    __qualname__ = 'Condition'
    __module__ = 'asyncio.locks'

    def __init__(self, lock=None):
        if lock is None:
            lock = _AioLock()
        self._lock = lock
        self._waiters = []
        self._loop = None

    async def __aenter__(self):
        await self._lock.acquire()
        return None

    async def __aexit__(self, exc_type, exc, tb):
        self._lock.release()

    def locked(self):
        return self._lock.locked()

    async def acquire(self):
        return await self._lock.acquire()

    def release(self):
        self._lock.release()

    async def wait(self):
        if not self.locked():
            raise RuntimeError('cannot wait on un-acquired lock')

        self.release()
        try:
            fut = _bound_loop(self).create_future()
            self._waiters.append(fut)
            try:
                await fut
                return True
            finally:
                self._waiters.remove(fut)
        finally:
            cancelled = False
            while True:
                try:
                    await self.acquire()
                    break
                except asyncio.CancelledError:
                    cancelled = True
            if cancelled:
                raise asyncio.CancelledError

    async def wait_for(self, predicate):
        result = predicate()
        while not result:
            await self.wait()
            result = predicate()
        return result

    def notify(self, n=1):
        if not self.locked():
            raise RuntimeError('cannot notify on un-acquired lock')
        idx = 0
        for fut in self._waiters:
            if idx >= n:
                break
            if not fut.done():
                idx += 1
                fut.set_result(False)

    def notify_all(self):
        self.notify(len(self._waiters))


class _AioSemaphore:
    __qualname__ = 'Semaphore'
    __module__ = 'asyncio.locks'

    def __init__(self, value=1):
        if value < 0:
            raise ValueError("Semaphore initial value must be >= 0")
        self._waiters = None
        self._value = value
        self._loop = None

    async def __aenter__(self):
        await self.acquire()
        return None

    async def __aexit__(self, exc_type, exc, tb):
        self.release()

    def locked(self):
        return self._value == 0 or (
            any(not w.cancelled() for w in (self._waiters or ())))

    async def acquire(self):
        if not self.locked():
            self._value -= 1
            return True

        if self._waiters is None:
            self._waiters = []
        fut = _bound_loop(self).create_future()
        self._waiters.append(fut)

        try:
            try:
                await fut
            finally:
                self._waiters.remove(fut)
        except asyncio.CancelledError:
            if not fut.cancelled():
                self._value += 1
                self._wake_up_next()
            raise

        if self._value > 0:
            self._wake_up_next()
        return True

    def release(self):
        self._value += 1
        self._wake_up_next()

    def _wake_up_next(self):
        if not self._waiters:
            return
        for fut in self._waiters:
            if not fut.done():
                self._value -= 1
                fut.set_result(True)
                return


class _AioBoundedSemaphore(_AioSemaphore):
    __qualname__ = 'BoundedSemaphore'
    __module__ = 'asyncio.locks'

    def __init__(self, value=1):
        self._bound_value = value
        _AioSemaphore.__init__(self, value)

    def release(self):
        if self._value >= self._bound_value:
            raise ValueError('BoundedSemaphore released too many times')
        _AioSemaphore.release(self)


class _AioBarrier:
    __qualname__ = 'Barrier'
    __module__ = 'asyncio.locks'

    def __init__(self, parties):
        if parties < 1:
            raise ValueError('parties must be > 0')
        self._cond = _AioCondition()
        self._parties = parties
        self.parties = parties
        self._state = 'filling'
        self._count = 0
        self._loop = None
        self._update()

    def _update(self):
        # The properties n_waiting and broken, kept as attributes.
        self.n_waiting = self._count if self._state == 'filling' else 0
        self.broken = self._state == 'broken'

    async def __aenter__(self):
        return await self.wait()

    async def __aexit__(self, *args):
        pass

    async def wait(self):
        async with self._cond:
            await self._block()
            try:
                index = self._count
                self._count += 1
                self._update()
                if index + 1 == self._parties:
                    await self._release()
                else:
                    await self._wait()
                return index
            finally:
                self._count -= 1
                self._exit()
                self._update()

    async def _block(self):
        await self._cond.wait_for(
            lambda: self._state not in ('draining', 'resetting'))
        if self._state == 'broken':
            raise asyncio.BrokenBarrierError("Barrier aborted")

    async def _release(self):
        self._state = 'draining'
        self._update()
        self._cond.notify_all()

    async def _wait(self):
        await self._cond.wait_for(lambda: self._state != 'filling')
        if self._state in ('broken', 'resetting'):
            raise asyncio.BrokenBarrierError("Abort or reset of barrier")

    def _exit(self):
        if self._count == 0:
            if self._state in ('resetting', 'draining'):
                self._state = 'filling'
            self._cond.notify_all()

    async def reset(self):
        async with self._cond:
            if self._count > 0:
                if self._state != 'resetting':
                    self._state = 'resetting'
            else:
                self._state = 'filling'
            self._update()
            self._cond.notify_all()

    async def abort(self):
        async with self._cond:
            self._state = 'broken'
            self._update()
            self._cond.notify_all()


# ----- queues.py -----


_QUEUE_EMPTY = object()
_QUEUE_OTHER = object()


class _AioQueue:
    __qualname__ = 'Queue'
    __module__ = 'asyncio.queues'

    def __init__(self, maxsize=0):
        self._maxsize = maxsize
        self.maxsize = maxsize
        self._getters = []
        self._putters = []
        self._unfinished_tasks = 0
        self._finished = _AioEvent()
        self._finished.set()
        self._loop = None
        self._init(maxsize)

    def _init(self, maxsize):
        self._queue = []

    def _get(self):
        return self._queue.pop(0)

    def _put(self, item):
        self._queue.append(item)

    def _wakeup_next(self, waiters):
        while waiters:
            waiter = waiters.pop(0)
            if not waiter.done():
                waiter.set_result(None)
                break

    def qsize(self):
        return len(self._queue)

    def empty(self):
        return not self._queue

    def full(self):
        if self._maxsize <= 0:
            return False
        else:
            return self.qsize() >= self._maxsize

    async def put(self, item):
        while True:
            # A plain queue, natively: True once put, False when full; None when not
            # a plain queue (nothing happened).
            done = asyncio._queue_put(self, item)
            if done:
                return None
            if done is None and not self.full():
                break
            putter = asyncio._queue_waiter(self, True)
            if putter is None:
                putter = _bound_loop(self).create_future()
                self._putters.append(putter)
            try:
                await putter
            except:
                putter.cancel()
                try:
                    self._putters.remove(putter)
                except ValueError:
                    pass
                if not self.full() and not putter.cancelled():
                    self._wakeup_next(self._putters)
                raise
        return self.put_nowait(item)

    def put_nowait(self, item):
        if self.full():
            raise asyncio.QueueFull
        self._put(item)
        self._unfinished_tasks += 1
        self._finished.clear()
        self._wakeup_next(self._getters)

    async def get(self):
        while True:
            # A plain queue, natively: the item, or _QUEUE_EMPTY; _QUEUE_OTHER when not
            # a plain queue (nothing happened).
            item = asyncio._queue_get(self, _QUEUE_EMPTY, _QUEUE_OTHER)
            if item is _QUEUE_OTHER:
                if not self.empty():
                    break
            elif item is not _QUEUE_EMPTY:
                return item
            getter = asyncio._queue_waiter(self, False)
            if getter is None:
                getter = _bound_loop(self).create_future()
                self._getters.append(getter)
            try:
                await getter
            except:
                getter.cancel()
                try:
                    self._getters.remove(getter)
                except ValueError:
                    pass
                if not self.empty() and not getter.cancelled():
                    self._wakeup_next(self._getters)
                raise
        return self.get_nowait()

    def get_nowait(self):
        if self.empty():
            raise asyncio.QueueEmpty
        item = self._get()
        self._wakeup_next(self._putters)
        return item

    def task_done(self):
        if self._unfinished_tasks <= 0:
            raise ValueError('task_done() called too many times')
        self._unfinished_tasks -= 1
        if self._unfinished_tasks == 0:
            self._finished.set()

    async def join(self):
        if self._unfinished_tasks > 0:
            await self._finished.wait()


class _AioPriorityQueue(_AioQueue):
    __qualname__ = 'PriorityQueue'
    __module__ = 'asyncio.queues'

    def _init(self, maxsize):
        self._queue = []

    def _put(self, item):
        _heappush(self._queue, item)

    def _get(self):
        return _heappop(self._queue)


class _AioLifoQueue(_AioQueue):
    __qualname__ = 'LifoQueue'
    __module__ = 'asyncio.queues'

    def _init(self, maxsize):
        self._queue = []

    def _put(self, item):
        self._queue.append(item)

    def _get(self):
        return self._queue.pop()


# heapq.heappush and heappop, as Lib/heapq.py writes them.
def _heappush(heap, item):
    heap.append(item)
    _siftdown(heap, 0, len(heap) - 1)


def _heappop(heap):
    lastelt = heap.pop()
    if heap:
        returnitem = heap[0]
        heap[0] = lastelt
        _siftup(heap, 0)
        return returnitem
    return lastelt


def _siftdown(heap, startpos, pos):
    newitem = heap[pos]
    while pos > startpos:
        parentpos = (pos - 1) >> 1
        parent = heap[parentpos]
        if newitem < parent:
            heap[pos] = parent
            pos = parentpos
            continue
        break
    heap[pos] = newitem


def _siftup(heap, pos):
    endpos = len(heap)
    startpos = pos
    newitem = heap[pos]
    childpos = 2 * pos + 1
    while childpos < endpos:
        rightpos = childpos + 1
        if rightpos < endpos and not heap[childpos] < heap[rightpos]:
            childpos = rightpos
        heap[pos] = heap[childpos]
        pos = childpos
        childpos = 2 * pos + 1
    heap[pos] = newitem
    _siftdown(heap, startpos, pos)


# ----- timeouts.py -----


class Timeout:
    __module__ = 'asyncio.timeouts'

    def __init__(self, when):
        self._state = 'created'
        self._timeout_handler = None
        self._task = None
        self._when = when

    def when(self):
        return self._when

    def reschedule(self, when):
        if self._state != 'active':
            raise RuntimeError(f"Cannot change state of {self._state} Timeout")
        self._when = when
        if self._timeout_handler is not None:
            self._timeout_handler.cancel()
        if when is None:
            self._timeout_handler = None
        else:
            loop = asyncio.get_running_loop()
            if when <= loop.time():
                self._timeout_handler = loop.call_soon(self._on_timeout)
            else:
                self._timeout_handler = loop.call_at(when, self._on_timeout)

    def expired(self):
        return self._state in ('expiring', 'expired')

    async def __aenter__(self):
        self._state = 'active'
        self._task = asyncio.current_task()
        if self._task is None:
            raise RuntimeError("Timeout should be used inside a task")
        self.reschedule(self._when)
        return self

    async def __aexit__(self, exc_type, exc_val, exc_tb):
        if self._timeout_handler is not None:
            self._timeout_handler.cancel()
            self._timeout_handler = None

        if self._state == 'expiring':
            self._state = 'expired'
            if self._task.uncancel() == 0 and exc_type is asyncio.CancelledError:
                raise TimeoutError
        elif self._state == 'active':
            self._state = 'finished'
        return None

    def _on_timeout(self):
        self._task.cancel()
        self._state = 'expiring'
        self._timeout_handler = None


def timeout(delay):
    loop = asyncio.get_running_loop()
    return Timeout(loop.time() + delay if delay is not None else None)


def timeout_at(when):
    return Timeout(when)


# ----- taskgroups.py -----


class TaskGroup:
    __module__ = 'asyncio.taskgroups'

    def __init__(self):
        self._entered = False
        self._exiting = False
        self._aborting = False
        self._loop = None
        self._parent_task = None
        self._parent_cancel_requested = False
        # A set in CPython (no defined order); sim keeps creation order.
        self._tasks = {}
        self._errors = []
        self._base_error = None
        self._on_completed_fut = None

    async def __aenter__(self):
        if self._entered:
            raise RuntimeError(f"TaskGroup {self!r} has been already entered")
        self._entered = True
        if self._loop is None:
            self._loop = asyncio.get_running_loop()
        self._parent_task = asyncio.current_task(self._loop)
        if self._parent_task is None:
            raise RuntimeError(f'TaskGroup {self!r} cannot determine the parent task')
        return self

    async def __aexit__(self, et, exc, tb):
        self._exiting = True

        if (exc is not None and
                self._is_base_error(exc) and
                self._base_error is None):
            self._base_error = exc

        propagate_cancellation_error = exc if et is asyncio.CancelledError else None
        if self._parent_cancel_requested:
            if self._parent_task.uncancel() == 0:
                propagate_cancellation_error = None

        if et is not None:
            if not self._aborting:
                self._abort()

        while self._tasks:
            if self._on_completed_fut is None:
                self._on_completed_fut = self._loop.create_future()
            try:
                await self._on_completed_fut
            except asyncio.CancelledError as ex:
                if not self._aborting:
                    propagate_cancellation_error = ex
                    self._abort()
            self._on_completed_fut = None

        if self._base_error is not None:
            raise self._base_error

        if propagate_cancellation_error and not self._errors:
            raise propagate_cancellation_error

        if et is not None and et is not asyncio.CancelledError:
            self._errors.append(exc)

        if self._errors:
            try:
                me = BaseExceptionGroup('unhandled errors in a TaskGroup', self._errors)
                raise me from None
            finally:
                self._errors = None

    def create_task(self, coro, *, name=None, context=None):
        if not self._entered:
            raise RuntimeError(f"TaskGroup {self!r} has not been entered")
        if self._exiting and not self._tasks:
            raise RuntimeError(f"TaskGroup {self!r} is finished")
        if self._aborting:
            raise RuntimeError(f"TaskGroup {self!r} is shutting down")
        task = self._loop.create_task(coro)
        if name is not None:
            task.set_name(name)
        task.add_done_callback(self._on_task_done)
        self._tasks[task] = None
        return task

    def _is_base_error(self, exc):
        return isinstance(exc, (SystemExit, KeyboardInterrupt))

    def _abort(self):
        self._aborting = True
        for t in self._tasks:
            if not t.done():
                t.cancel()

    def _on_task_done(self, task):
        if task in self._tasks:
            del self._tasks[task]

        if self._on_completed_fut is not None and not self._tasks:
            if not self._on_completed_fut.done():
                self._on_completed_fut.set_result(True)

        if task.cancelled():
            return

        exc = task.exception()
        if exc is None:
            return

        self._errors.append(exc)
        if self._is_base_error(exc) and self._base_error is None:
            self._base_error = exc

        if self._parent_task.done():
            self._loop.call_exception_handler({
                'message': f'Task {task!r} has errored out but its parent '
                           f'task {self._parent_task} is already completed',
                'exception': exc,
                'task': task,
            })
            return

        if not self._aborting and not self._parent_cancel_requested:
            self._abort()
            self._parent_cancel_requested = True
            self._parent_task.cancel()
