# Deterministic: single-threaded; nobody notifies, so every wait times out.
# Elapsed times are rounded to whole seconds.
import threading
import time

cond = threading.Condition()
with cond:
    start = time.monotonic()
    result = cond.wait(1)
    print("wait returned", result, "after", round(time.monotonic() - start))
    print("lock held again:", cond._is_owned())
    print("wait(0):", cond.wait(0))
    print("wait_for already true:", cond.wait_for(lambda: "yes"))
    start = time.monotonic()
    print("wait_for false:", cond.wait_for(lambda: 0, timeout=2), round(time.monotonic() - start))
