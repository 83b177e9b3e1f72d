# Deterministic: each helper thread is started and joined while the main thread holds
# the RLock, so its attempt always fails.
import threading

r = threading.RLock()
print(r.acquire(), r.acquire(), r.acquire(blocking=False))
with r:
    print("nested with ok")
r.release()
r.release()


def intruder():
    print("other thread acquires:", r.acquire(blocking=False))
    try:
        r.release()
    except RuntimeError as e:
        print("other thread releases:", e)


t = threading.Thread(target=intruder)
t.start()
t.join()
r.release()
try:
    r.release()
except RuntimeError as e:
    print("RuntimeError:", e)
