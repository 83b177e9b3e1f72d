# Deterministic: single-threaded.


def two():
    yield "a"
    yield "b"


g = two()
print(next(g, "x"), next(g, "x"), next(g, "x"), next(g, None))
it = iter([1])
print(next(it, 0), next(it, 0), next(iter(""), "empty"))
print(next((c for c in "hello" if c > "h"), "none"), next((c for c in "abc" if c > "x"), "none"))
