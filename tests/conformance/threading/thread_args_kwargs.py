# Deterministic: each thread is started and joined before the next one starts.
import threading


def show(a, b=2, *rest, key="k", **extra):
    print("show", a, b, rest, key, extra)


for kwargs in [
    dict(args=(1,)),
    dict(args=(1, 3, 4, 5)),
    dict(args=[10], kwargs={"key": "K", "z": 0}),
    dict(kwargs={"a": "only", "b": None}),
]:
    t = threading.Thread(target=show, **kwargs)
    t.start()
    t.join()
print("done")
