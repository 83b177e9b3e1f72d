# Deterministic: single-threaded.
import queue

items = [3, 1, 4, 1, 5]
fifo, lifo, prio = queue.Queue(), queue.LifoQueue(), queue.PriorityQueue()
for q in (fifo, lifo, prio):
    for x in items:
        q.put(x)
print("fifo:", [fifo.get() for _ in items])
print("lifo:", [lifo.get() for _ in items])
print("prio:", [prio.get() for _ in items])
tasks = queue.PriorityQueue()
for entry in [(2, "write"), (1, "read"), (3, "close"), (1, "open"), (2, "seek")]:
    tasks.put(entry)
while not tasks.empty():
    priority, name = tasks.get()
    print(priority, name)
