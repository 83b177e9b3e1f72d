# Deterministic: single-threaded.


def averager():
    total, count, average = 0, 0, None
    while True:
        value = yield average
        if value is None:
            return (count, average)
        total += value
        count += 1
        average = total / count


g = averager()
print(next(g), g.send(10), g.send(20), g.send(6))
try:
    g.send(None)
except StopIteration as e:
    print("returned", e.args)
try:
    averager().send(5)
except TypeError as e:
    print("TypeError:", e)
