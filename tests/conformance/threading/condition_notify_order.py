# Deterministic: a waiter sets `ready` holding the condition's lock, which the main
# thread then takes, so waiters queue in start order; notify() wakes the oldest (FIFO)
# and woken waiters are joined before anything else is printed.
import threading

cond = threading.Condition()
woken = []


def waiter(name, ready):
    with cond:
        ready.set()
        woken.append((name, cond.wait()))


threads = []
for name in ["a", "b", "c"]:
    ready = threading.Event()
    threads.append(threading.Thread(target=waiter, args=(name, ready)))
    threads[-1].start()
    ready.wait()
    with cond:
        pass
with cond:
    cond.notify()
threads[0].join()
print(woken, [t.is_alive() for t in threads])
with cond:
    cond.notify_all()
for t in threads:
    t.join()
print(sorted(woken))
