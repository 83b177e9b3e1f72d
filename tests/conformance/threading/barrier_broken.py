# Deterministic: single-threaded except for one worker, started and joined while the
# barrier is already broken, so its wait fails at once; elapsed times are rounded to
# whole seconds.
import threading
import time

b = threading.Barrier(2)
start = time.monotonic()
try:
    b.wait(timeout=1)
except threading.BrokenBarrierError as e:
    print("timed out:", type(e).__name__, repr(str(e)), round(time.monotonic() - start))
print("broken:", b.broken)
b.reset()
print("after reset:", b.broken)
b.abort()
print("after abort:", b.broken)


def worker():
    try:
        b.wait()
    except threading.BrokenBarrierError:
        print("worker: barrier is broken")


t = threading.Thread(target=worker)
t.start()
t.join()
print(issubclass(threading.BrokenBarrierError, RuntimeError))
