# Deterministic: single-threaded.


def countdown(n):
    while n > 0:
        yield n
        n -= 1
    return "liftoff"


def delegator():
    result = yield from countdown(3)
    print("inner returned", result)
    yield from ["a", "b"]
    yield from (x * 10 for x in range(2))


print(list(delegator()))
gen = countdown(2)
print(next(gen), next(gen), list(gen), list(gen))
