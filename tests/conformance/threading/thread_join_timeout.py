# Deterministic: the worker cannot finish before the main thread sets the event, so
# the timed join always times out; the event is set only afterwards. Elapsed times are
# rounded to whole seconds.
import threading
import time

release = threading.Event()


def worker():
    release.wait()


t = threading.Thread(target=worker)
t.start()
start = time.monotonic()
result = t.join(timeout=1)
print("join returned", result, "after", round(time.monotonic() - start))
print("alive:", t.is_alive())
release.set()
t.join(5)
print("alive:", t.is_alive())
