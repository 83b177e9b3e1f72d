# Deterministic: which thread gets which index varies, so only the sorted indexes and
# counts are printed, after all threads are joined; the action runs exactly once per
# round, before any waiter is released.
import threading

actions = []
b = threading.Barrier(3, action=lambda: actions.append("tripped"))
indexes = []


def worker():
    indexes.append(b.wait())


print("parties:", b.parties, "waiting:", b.n_waiting, "broken:", b.broken)
threads = [threading.Thread(target=worker) for _ in range(2)]
for t in threads:
    t.start()
indexes.append(b.wait())
for t in threads:
    t.join()
print("indexes:", sorted(indexes), "actions:", actions)
threads = [threading.Thread(target=worker) for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("second round:", sorted(indexes), "actions:", actions)
print("waiting:", b.n_waiting, "broken:", b.broken)
