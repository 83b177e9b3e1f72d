# Deterministic: single-threaded; threads are created (never started), so only the
# naming counter matters, and it counts in creation order.
import threading


def work():
    pass


t1 = threading.Thread(target=work)
t2 = threading.Thread()
t3 = threading.Thread(target=work, name="custom")
t4 = threading.Thread(target=lambda: None)
t5 = threading.Thread(name=7)
t6 = threading.Thread(target=work)
print(t1.name)
print(t2.name)
print(t3.name)
print(t4.name)
print(repr(t5.name))
print(t6.name)
t6.name = "renamed"
print(t6.name, t6.getName())
