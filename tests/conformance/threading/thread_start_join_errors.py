# Deterministic: one worker, started and joined once; every error is raised by the
# main thread in program order.
import threading


def work():
    print("work ran")


t = threading.Thread(target=work)
try:
    t.join()
except RuntimeError as e:
    print("join before start:", e)
t.start()
t.join()
try:
    t.start()
except RuntimeError as e:
    print("start twice:", e)
try:
    threading.current_thread().join()
except RuntimeError as e:
    print("join self:", e)
