# Deterministic: single-threaded.


def message(f):
    try:
        f()
    except Exception as e:
        return f"{type(e).__name__}: {e}"


print(message(lambda: 1 / 0))
print(message(lambda: 1 // 0))
print(message(lambda: 5 % 0))
print(message(lambda: 1.5 / 0))
print(message(lambda: [1, 2][5]))
print(message(lambda: (1,)[-3]))
print(message(lambda: {"a": 1}["b"]))
print(message(lambda: "abc" + 1))
print(message(lambda: 1 + "abc"))
print(message(lambda: int("12x")))
print(message(lambda: float("pi")))
print(message(lambda: [].pop()))
print(message(lambda: [1].remove(2)))
print(message(lambda: "abc".index("z")))
print(message(lambda: None.upper()))
print(message(lambda: len(5)))
