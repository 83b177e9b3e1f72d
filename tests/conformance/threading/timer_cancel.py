# Deterministic: the timer is cancelled long before its 5-second interval ends, so its
# function never runs; cancelling makes the timer thread end at once.
import threading
import time


def never():
    print("this must not print")


start = time.monotonic()
t = threading.Timer(5, never)
t.start()
t.cancel()
t.join()
print("cancelled, alive:", t.is_alive(), "after", round(time.monotonic() - start))
t2 = threading.Timer(5, never)
t2.cancel()
t2.start()
t2.join()
print("cancelled before start, alive:", t2.is_alive(), "after", round(time.monotonic() - start))
