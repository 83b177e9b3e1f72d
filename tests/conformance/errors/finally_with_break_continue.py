# Deterministic: single-threaded.


def first_negative(values):
    for v in values:
        try:
            if v < 0:
                return v
            if v == 0:
                continue
            if v > 100:
                break
        finally:
            print("  checked", v)
    return None


print(first_negative([1, 0, -2, 5]))
print(first_negative([3, 200, -1]))


def overriding():
    try:
        raise ValueError("lost")
    finally:
        return "finally wins"


print(overriding())
