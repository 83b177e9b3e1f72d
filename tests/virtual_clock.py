"""Runs a Python program under CPython with asyncio on a virtual clock.

    python3 tests/virtual_clock.py PROGRAM.py

The conformance suite runs every reference program through this file, so that asyncio
programs finish at once and deterministically, as they do in sim:

- every event loop's time() is one virtual clock, in seconds from 0.0;
- when the loop would sleep until its next timer, the clock jumps to that timer's
  deadline instead (after giving other threads a moment to call back, since sim's clock
  only moves when no thread can run);
- timers with equal deadlines fire in the order they were scheduled (CPython's heap does
  not promise that, but on a real clock deadlines are never equal);
- a loop with nothing ready, no timer and no other thread that could wake it is a
  deadlock: CPython would hang; this prints "virtual clock: deadlock" on stderr and exits
  with status 3.

Programs that use only threads are unaffected.
"""

import asyncio
import heapq
import itertools
import os
import runpy
import selectors
import sys
import threading

DEADLOCK_STATUS = 3

# How long other threads get, in real time, to call back before the clock jumps.
GRACE_SECONDS = 0.05

_now = 0.0
_sequence = itertools.count()


class SequencedTimerHandle(asyncio.TimerHandle):
    """A timer ordered by deadline, then by when it was scheduled."""

    __slots__ = ("_sequence",)

    def __init__(self, when, callback, args, loop, context=None):
        super().__init__(when, callback, args, loop, context)
        self._sequence = next(_sequence)

    def __lt__(self, other):
        return (self._when, self._sequence) < (other._when, other._sequence)

    def __le__(self, other):
        return (self._when, self._sequence) <= (other._when, other._sequence)

    def __gt__(self, other):
        return (self._when, self._sequence) > (other._when, other._sequence)

    def __ge__(self, other):
        return (self._when, self._sequence) >= (other._when, other._sequence)


class VirtualSelector:
    """The loop's selector: real for file descriptors (the self-pipe other threads write
    to), virtual for waiting."""

    def __init__(self):
        self._real = selectors.DefaultSelector()
        self._loop = None

    def __getattr__(self, name):
        return getattr(self._real, name)

    def select(self, timeout=None):
        global _now
        if timeout == 0:
            return self._real.select(0)
        others = threading.active_count() > 1
        if others:
            events = self._real.select(GRACE_SECONDS if timeout is not None else None)
            if events or timeout is None:
                return events
        else:
            events = self._real.select(0)
            if events:
                return events
        # _run_once has just dropped the cancelled timers at the head of the heap, so the
        # head is the next timer to fire.
        scheduled = self._loop._scheduled
        if not scheduled:
            sys.stdout.flush()
            print("virtual clock: deadlock (no callback ready, no timer, no other thread)",
                  file=sys.stderr)
            sys.stderr.flush()
            os._exit(DEADLOCK_STATUS)
        _now = max(_now, scheduled[0]._when)
        return []


class VirtualClockLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        selector = VirtualSelector()
        super().__init__(selector)
        selector._loop = self
        self._clock_resolution = 1e-09

    def time(self):
        return _now

    def call_at(self, when, callback, *args, context=None):
        if when is None:
            raise TypeError("when cannot be None")
        self._check_closed()
        timer = SequencedTimerHandle(when, callback, args, self, context)
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer


class VirtualClockPolicy(asyncio.DefaultEventLoopPolicy):
    _loop_factory = VirtualClockLoop


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: python3 virtual_clock.py PROGRAM.py")
    asyncio.set_event_loop_policy(VirtualClockPolicy())
    program = sys.argv[1]
    sys.argv = [program]
    runpy.run_path(program, run_name="__main__")


if __name__ == "__main__":
    main()
