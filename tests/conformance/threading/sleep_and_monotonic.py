# Deterministic: elapsed times are rounded to whole seconds, far coarser than any
# scheduling jitter; each worker is joined before the clock is read again, and the
# overlap check has a one-second margin.
import threading
import time


def nap(seconds):
    time.sleep(seconds)


start = time.monotonic()
time.sleep(1)
print("slept", round(time.monotonic() - start))
time.sleep(0)
a = time.monotonic()
b = time.monotonic()
print("monotonic never goes back:", b >= a)
t = threading.Thread(target=nap, args=(1,))
t.start()
t.join()
print("after the worker's sleep", round(time.monotonic() - start))
t = threading.Thread(target=nap, args=(2,))
t.start()
time.sleep(1)
print("sleeps overlap, worker still alive:", t.is_alive())
t.join()
print("total", round(time.monotonic() - start))
