# Deterministic: single-threaded.


def accumulate():
    total = 0
    while True:
        value = yield total
        if value is None:
            return total
        total += value


def wrapper():
    final = yield from accumulate()
    yield f"final {final}"


w = wrapper()
print(next(w), w.send(5), w.send(7), w.send(None))
