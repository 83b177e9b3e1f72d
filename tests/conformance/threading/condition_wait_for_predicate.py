# Deterministic: the main thread appends exactly three items (one per locked step,
# notifying each time) and then joins the consumer, so when the consumer's predicate
# holds, the list is [0, 1, 2]; more items are appended only after the join.
import threading

cond = threading.Condition()
items = []


def consumer():
    with cond:
        ok = cond.wait_for(lambda: len(items) >= 3)
        print("consumer sees", items, ok)


t = threading.Thread(target=consumer)
t.start()
for i in range(3):
    with cond:
        items.append(i)
        cond.notify()
t.join()
items.append(3)
print("final", items)
