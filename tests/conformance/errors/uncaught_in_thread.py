# Deterministic: the failing thread is joined before the main thread prints again; its
# traceback goes to stderr, which is not compared; the program still exits with 0.
import threading


def fail():
    print("worker about to fail")
    raise ValueError("worker failed")


t = threading.Thread(target=fail)
t.start()
t.join()
print("main continues, worker alive:", t.is_alive())
