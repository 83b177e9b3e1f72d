# Deterministic: a single worker takes items in FIFO order; q.join() returns only after
# its last task_done(), which follows its last print; the None sentinel stops it.
import queue
import threading

q = queue.Queue()
results = []


def worker():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        print("processing", item)
        results.append(item * item)
        q.task_done()


t = threading.Thread(target=worker)
t.start()
for i in range(1, 5):
    q.put(i)
q.join()
print("all processed:", results)
q.put(None)
t.join()
print("worker stopped, queue empty:", q.empty())
