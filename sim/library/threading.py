# The parts of Python's threading module that run Python code of their own, written as
# CPython 3.11 writes them (Lib/threading.py), on top of sim's native primitives.


def _bootstrap(thread):
    thread.run()


def _thread_run(self):
    if self._target is not None:
        self._target(*self._args, **self._kwargs)


Thread.run = _thread_run


class Timer(Thread):
    def __init__(self, interval, function, args=None, kwargs=None):
        Thread.__init__(self)
        self.interval = interval
        self.function = function
        self.args = args if args is not None else []
        self.kwargs = kwargs if kwargs is not None else {}
        self.finished = Event()

    def cancel(self):
        self.finished.set()

    def run(self):
        self.finished.wait(self.interval)
        if not self.finished.is_set():
            self.function(*self.args, **self.kwargs)
        self.finished.set()


def _condition_wait_for(self, predicate, timeout=None):
    endtime = None
    waittime = timeout
    result = predicate()
    while not result:
        if waittime is not None:
            if endtime is None:
                endtime = time.monotonic() + waittime
            else:
                waittime = endtime - time.monotonic()
                if waittime <= 0:
                    break
        self.wait(waittime)
        result = predicate()
    return result


Condition.wait_for = _condition_wait_for


def _barrier_wait(self, timeout=None):
    if timeout is None:
        timeout = self._timeout
    index = self._enter()
    try:
        if index + 1 == self.parties:
            try:
                if self._action:
                    self._action()
                self._drain()
            except:
                self._break()
                raise
        else:
            self._wait(timeout)
        return index
    finally:
        self._exit()


Barrier.wait = _barrier_wait
