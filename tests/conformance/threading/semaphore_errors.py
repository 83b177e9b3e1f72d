# Deterministic: single-threaded; each misuse raises in program order.
import threading

b = threading.BoundedSemaphore(2)
b.acquire()
b.release()
try:
    b.release()
except ValueError as e:
    print("ValueError:", e)
b.acquire()
b.acquire()
try:
    b.release(3)
except ValueError as e:
    print("ValueError:", e)
b.release(2)
print("back to full:", b.acquire(False), b.acquire(False), b.acquire(False))
try:
    threading.Semaphore(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    threading.Semaphore(1).release(0)
except ValueError as e:
    print("ValueError:", e)
plain = threading.Semaphore(0)
plain.release()
plain.release()
print("unbounded semaphore over-release is fine:", plain.acquire(False), plain.acquire(False))
