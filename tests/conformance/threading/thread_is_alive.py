# Deterministic: the worker blocks on an event that only the main thread sets, so it is
# alive exactly between start() and the join() after set().
import threading

go = threading.Event()


def worker():
    go.wait()
    print("worker ran")


t = threading.Thread(target=worker)
print("before start:", t.is_alive())
t.start()
print("after start:", t.is_alive())
go.set()
t.join()
print("after join:", t.is_alive())
