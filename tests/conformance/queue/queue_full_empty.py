# Deterministic: single-threaded.
import queue

q = queue.Queue(maxsize=2)
print("maxsize:", q.maxsize, "qsize:", q.qsize(), "empty:", q.empty(), "full:", q.full())
q.put_nowait("a")
q.put("b", block=False)
print("qsize:", q.qsize(), "empty:", q.empty(), "full:", q.full())
try:
    q.put_nowait("c")
except queue.Full as e:
    print("Full:", repr(e), repr(str(e)))
print("get_nowait:", q.get_nowait(), q.get(False))
try:
    q.get_nowait()
except queue.Empty as e:
    print("Empty:", repr(e), type(e).__name__, isinstance(e, Exception))
unbounded = queue.Queue()
for i in range(1000):
    unbounded.put(i)
print("unbounded:", unbounded.maxsize, unbounded.qsize(), unbounded.full())
print(queue.LifoQueue(3).maxsize, queue.PriorityQueue().maxsize)
