# Deterministic: each timer is joined by the main thread before it prints again;
# elapsed times are rounded to whole seconds.
import threading
import time


def ring(who, punct="!"):
    print(f"ring for {who}{punct} at {round(time.monotonic() - start)}")


start = time.monotonic()
t = threading.Timer(1, ring, args=["alice"], kwargs={"punct": "?"})
print(t.name, t.is_alive())
t.start()
print("started:", t.is_alive())
t.join()
print("finished:", t.is_alive())
t2 = threading.Timer(1, ring, ["bob"])
t2.start()
t2.join()
