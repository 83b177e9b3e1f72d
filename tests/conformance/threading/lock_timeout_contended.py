# Deterministic: events force the order: the worker holds the lock until the main
# thread's timed acquire has failed and the main thread says so. Elapsed times are
# rounded to whole seconds.
import threading
import time

lock = threading.Lock()
held = threading.Event()
done_trying = threading.Event()


def holder():
    with lock:
        held.set()
        done_trying.wait()
        print("holder releases")


t = threading.Thread(target=holder)
t.start()
held.wait()
start = time.monotonic()
print("timed acquire:", lock.acquire(timeout=1), round(time.monotonic() - start))
print("try acquire:", lock.acquire(blocking=False))
done_trying.set()
print("blocking acquire:", lock.acquire())
lock.release()
t.join()
