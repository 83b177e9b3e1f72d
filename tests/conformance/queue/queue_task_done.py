# Deterministic: single-threaded; join() is only called when no task is unfinished.
import queue

q = queue.Queue()
q.join()
print("join on a fresh queue returns at once")
for word in ["x", "y"]:
    q.put(word)
print("unfinished:", q.unfinished_tasks)
q.get()
q.task_done()
print("unfinished:", q.unfinished_tasks)
q.get()
q.task_done()
q.join()
print("joined, unfinished:", q.unfinished_tasks)
try:
    q.task_done()
except ValueError as e:
    print("ValueError:", e)
print("unfinished:", q.unfinished_tasks)
