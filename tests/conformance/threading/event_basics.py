# Deterministic: single-threaded; a wait on a clear event always times out.
# Elapsed times are rounded to whole seconds.
import threading
import time

e = threading.Event()
print("is_set:", e.is_set())
start = time.monotonic()
print("wait on clear:", e.wait(1), round(time.monotonic() - start))
print("wait(0):", e.wait(0))
e.set()
print("is_set:", e.is_set(), "wait:", e.wait(), e.wait(10))
e.set()
print("set twice is fine:", e.is_set())
e.clear()
print("after clear:", e.is_set(), e.wait(timeout=0.1))
