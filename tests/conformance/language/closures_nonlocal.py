# Deterministic: single-threaded.


def make_counter(start=0):
    count = start

    def increment(by=1):
        nonlocal count
        count += by
        return count

    return increment


c1, c2 = make_counter(), make_counter(10)
print(c1(), c1(), c1(5), c2(), c1())
adders = [lambda x, n=n: x + n for n in range(3)]
late = [lambda x: x + n for n in range(3)]
print([f(10) for f in adders], [f(10) for f in late])
