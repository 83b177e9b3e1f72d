# Deterministic: single-threaded; float repr and arithmetic are IEEE 754 everywhere.
print(0.1 + 0.2, 1 / 3, 2 / 3, 10 / 4, 1e16, 1e15 + 0.5, 123456789012345678.0)
print(1e-4, 1e-5, 0.0001234, 1e22, 1.5e300 * 1e10, -0.0, 100.0, 3 * 1.1)
print(float("inf"), -float("inf"), float("nan"), float(" 2.5 "), float("1_000.5"))
print(round(2.5), round(3.5), round(-0.5), round(2.675, 2), round(1234.5678, -2), round(7))
print(int(3.99), int(-3.99), 7 / 7, 2 ** 0.5, 2 ** -2, 10.0 ** 20)
print(str(1.0), repr(1.10), 5e-324, 1.7976931348623157e308, 0.1 * 3, 4.35 * 100)
print(abs(-2.5), max(1, 2.0), min(0.0, -0.0), 1 == 1.0, 0.1 + 0.2 == 0.3, float(10 ** 16))
