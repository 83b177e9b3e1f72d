# Deterministic: the worker blocks on the exhausted semaphore until the main thread
# releases it, and the main thread only prints again after joining the worker.
import threading

sem = threading.Semaphore(1)
entered = threading.Event()


def worker():
    entered.set()
    with sem:
        print("worker got the semaphore")


sem.acquire()
t = threading.Thread(target=worker)
t.start()
entered.wait()
print("main releases")
sem.release()
t.join()
print("worker done:", not t.is_alive(), sem.acquire(False))
