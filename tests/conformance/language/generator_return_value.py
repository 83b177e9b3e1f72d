# Deterministic: single-threaded.


def gen():
    yield 1
    return "done"


g = gen()
next(g)
try:
    next(g)
except StopIteration as e:
    print("value:", e.value, "args:", e.args)
try:
    next(g)
except StopIteration as e:
    print("exhausted again, value:", e.value)
print("plain StopIteration:", StopIteration().value, StopIteration(1, 2).value)
