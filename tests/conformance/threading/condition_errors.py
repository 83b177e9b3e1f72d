# Deterministic: single-threaded; each misuse raises in program order.
import threading

cond = threading.Condition()
try:
    cond.wait(0)
except RuntimeError as e:
    print("wait ->", e)
try:
    cond.wait_for(lambda: False, 0)
except RuntimeError as e:
    print("wait_for ->", e)
try:
    cond.notify()
except RuntimeError as e:
    print("notify ->", e)
try:
    cond.release()
except RuntimeError as e:
    print("release ->", e)
plain = threading.Condition(threading.Lock())
try:
    plain.notify()
except RuntimeError as e:
    print("with a Lock:", e)
print(cond.acquire(), plain.acquire(False))
cond.release()
plain.release()
