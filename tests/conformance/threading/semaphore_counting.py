# Deterministic: single-threaded; the timed acquire of an exhausted semaphore always
# times out; elapsed times are rounded to whole seconds.
import threading
import time

s = threading.Semaphore(2)
print(s.acquire(), s.acquire())
print("non-blocking:", s.acquire(blocking=False))
start = time.monotonic()
print("timed:", s.acquire(timeout=1), round(time.monotonic() - start))
s.release()
print("after release:", s.acquire(False))
s.release(2)
print("released two:", s.acquire(False), s.acquire(False), s.acquire(False))
s.release()
with s:
    print("inside with:", s.acquire(False))
print("after with:", s.acquire(False))
print("default value is 1:", threading.Semaphore().acquire(False), threading.Semaphore(0).acquire(False))
