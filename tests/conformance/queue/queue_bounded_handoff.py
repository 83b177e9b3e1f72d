# Deterministic: while both threads run only the consumer prints, taking items in FIFO
# order; the main thread prints after joining both.
import queue
import threading

q = queue.Queue(maxsize=1)
max_seen = []


def producer():
    for i in range(5):
        q.put(i)
        max_seen.append(q.qsize() <= 1)
    q.put("stop")


def consumer():
    while True:
        item = q.get()
        if item == "stop":
            break
        print("got", item)


threads = [threading.Thread(target=producer), threading.Thread(target=consumer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("never over capacity:", all(max_seen), len(max_seen))
