# Deterministic: single-threaded.
import threading

lock = threading.Lock()
with lock:
    print("inside:", lock.locked())
print("after:", lock.locked())
try:
    with lock:
        print("about to fail")
        raise ValueError("boom")
except ValueError as e:
    print("caught", repr(e), "locked:", lock.locked())
with lock as got:
    print("as value:", got)


def early():
    with lock:
        return "returned while held"


print(early(), lock.locked())
