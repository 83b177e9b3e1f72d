# Deterministic: the daemon flags are read in a fixed order; the one started thread is
# joined before anything else is printed.
import threading


def child():
    inner = threading.Thread(target=lambda: None)
    print("inherited daemon:", inner.daemon)


t1 = threading.Thread(target=child)
t2 = threading.Thread(target=child, daemon=True)
print(t1.daemon, t2.daemon, t1.isDaemon())
t1.daemon = True
print(t1.daemon)
t2.start()
t2.join()
try:
    t2.daemon = False
except RuntimeError as e:
    print("RuntimeError:", e)
print(threading.current_thread().daemon)
