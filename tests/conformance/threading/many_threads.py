# Twelve threads at once, each adding under a lock: more threads enabled together than
# fit the scheduler's short list.
import threading

lock = threading.Lock()
total = 0
seen = []


def work(i):
    global total
    for _ in range(3):
        with lock:
            total += i
            seen.append(i)


threads = [threading.Thread(target=work, args=(i,)) for i in range(12)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"total {total}")
print(f"{sorted(seen)}")
