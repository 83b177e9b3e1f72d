# Deterministic: single-threaded.
for a, b in [(7, 2), (-7, 2), (7, -2), (-7, -2)]:
    print(f"{a} // {b} = {a // b}, {a} % {b} = {a % b}, divmod = {divmod(a, b)}, / = {a / b}")
print(-7.5 // 2, -7.5 % 2, 7 % -2.5, 5 % 1, -1 % 10**9)
print(2 ** 62, -(2 ** 62) * 2, 2 ** 62 // 3, 10 ** 9 * 10 ** 9, (2 ** 60) % 1000)
print(pow(3, 4), pow(2, -1), 0 ** 0, (-2) ** 3, -2 ** 2)
print(7 & 3, 7 | 8, 7 ^ 2, ~7, 1 << 40, -16 >> 2, 0b1010, 0o17, 0xFF, 1_000_000)
print(int("42"), int("-0x1f", 16), int("z", 36), int(" 7 "), abs(-9), bool(0), True + True)
print(str(-0), 3 * -0, divmod(-9, 4))
