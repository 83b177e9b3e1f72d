# Deterministic: each thread is started and joined before the main thread goes on;
# elapsed times are rounded to whole seconds.
import threading
import time

start = time.monotonic()
t = threading.Thread(target=time.sleep, args=(1,))
t.start()
print("sleeping worker alive:", t.is_alive())
t.join()
print("after the worker slept", round(time.monotonic() - start))
t = threading.Thread(target=print, args=("printed", "by", "print"), kwargs={"sep": "-"})
t.start()
t.join()
print("main done")
