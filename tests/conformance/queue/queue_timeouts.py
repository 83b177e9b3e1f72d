# Deterministic: single-threaded; nobody else touches the queue, so timed gets on an
# empty queue and timed puts on a full one always time out; elapsed times are
# rounded to whole seconds.
import queue
import time

q = queue.Queue(1)
start = time.monotonic()
try:
    q.get(timeout=1)
except queue.Empty:
    print("get timed out after", round(time.monotonic() - start))
q.put(1)
start = time.monotonic()
try:
    q.put(2, timeout=2)
except queue.Full:
    print("put timed out after", round(time.monotonic() - start))
try:
    q.put(3, True, -1)
except ValueError as e:
    print("ValueError:", e)
print("get with timeout when available:", q.get(timeout=5))
try:
    q.get(block=False, timeout=10)
except queue.Empty:
    print("non-blocking get ignores the timeout")
