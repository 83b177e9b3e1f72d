# Deterministic: single-threaded; the timed acquire of a held lock always times out.
# Elapsed times are rounded to whole seconds.
import threading
import time

lock = threading.Lock()
print("locked:", lock.locked())
print("acquire:", lock.acquire())
print("locked:", lock.locked())
print("non-blocking:", lock.acquire(blocking=False))
print("non-blocking positional:", lock.acquire(False))
start = time.monotonic()
print("timeout:", lock.acquire(timeout=1), round(time.monotonic() - start))
lock.release()
print("locked:", lock.locked())
print("non-blocking on free lock:", lock.acquire(False))
lock.release()
