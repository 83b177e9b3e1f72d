# Deterministic: single-threaded.


def attempt(f):
    try:
        return f()
    except Exception as e:
        return f"{type(e).__name__}: {e}"


print(hex(255), hex(-255), hex(0), oct(8), oct(-8), bin(5), bin(-5), bin(True), hex(2**62))
print(pow(2, 10, 1000), pow(3, -1, 7), pow(7, 2, -5), pow(-7, 3, 5), pow(5, 0, 1), pow(-3, -2, 11), pow(2, 3, None))
print(pow(123456789, 987654321, 2**61 - 1), pow(2, -3, -9), pow(base=2, exp=3, mod=5), pow(True, 5, 3))
print(attempt(lambda: hex(1.5)), "|", attempt(lambda: oct("8")), "|", attempt(lambda: pow(2, 3, 0)))
print(attempt(lambda: pow(2, -1, 4)), "|", attempt(lambda: pow(2.0, 3, 5)), "|", attempt(lambda: pow(2, 3, 5.0)))
print(attempt(lambda: pow("a", 2, 3)), "|", attempt(lambda: pow(2, 3, "x")))
