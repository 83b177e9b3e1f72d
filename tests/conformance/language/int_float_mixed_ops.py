"""Arithmetic the interpreter's fast lane takes on locals: floor division and modulo by
positive and negative divisors at the ends of the int range, and floats mixed with ints
(overflowing to inf, signed zeros)."""
vals = [-7, 7, 0, -1, 9223372036854775807, -9223372036854775807 - 1]
for a in vals:
    for b in [3, -3, 1, 10]:
        print(a, b, a % b, a // b, a * 0.5, 0.1 + a, a - 2.5)
x = 1e308
print(x * 10, -x * 10, 0.1 * 3, 2.5 - 2.5, -0.0 + 0.0)
