# Deterministic: single-threaded; the sets hold ints, floats, bools and tuples of those,
# whose hashes (and so CPython's iteration order) do not depend on hash randomisation.
# Displays of constants, set(), comprehensions, copies and the operators each lay a set's
# table out in their own way, so the same elements can print in different orders.
big = [(i * 2654435761) % 2**40 - 2**39 for i in range(1, 40)]
print({5, 3, 1}, {9, 2, 6, 17, 33, 1, 8}, {-1, -2, -3, 7, 2**61 - 1, 2**61, -2**62 * 2})
print({1, 9, 17, 25, 33, 41}, {49, 33, 25, 17, 9, 1}, {0, 8, 16, 24, 32, 40, 48, 56, 64, 72})
print({(1, 2), (2, 1), (0, 0), (-1, 5), (3, (4, 5))}, {0.5, 1.5, -2.25, 3.0, 1e-3, 2.5e10, 1e400, -1e400})
print({True, 1.0, 1, False, 0, 2.0}, {1.0, True}, {0, -0.0, False})
print(set(big[:12]), set(big[12:30]))
print(set([4, 12, 20, 28, 36, 1]), set([1, 36, 28, 20, 12, 4]), set(range(-5, 12)), set(range(60, 0, -7)))
print({x * 7 for x in range(15)}, {x % 5 - 2 for x in range(30)}, {(x, -x) for x in range(6)})
a = set(big[:10])
a.add(big[20])
a.add(2**40)
print(a, a.copy(), set(a), list(a) == [x for x in a])
b = set(big[5:18])
print(a | b, b | a, a & b, b & a, a - b, b - a, a ^ b, b ^ a)
c = {5, 13, 21, 29, 37, 45, 53, 61, 69}
for x in [13, 37, 61, 5]:
    c.discard(x)
print(c, len(c))
for x in [77, 85, 13, 93, 101, 109, 117]:
    c.add(x)
print(c, len(c))
print([c.pop() for _ in range(4)], c)
c.clear()
c.add(3)
c.add(11)
print(c, c.pop(), c)
d = set()
for i in range(40):
    d.add(i * i - 300)
    if i % 3 == 0:
        d.discard((i - 1) * (i - 1) - 300)
print(d)
print(sorted(d) == sorted(list(d)), [x for x in {30, 10, 20}], list(enumerate({8, 9, 1024})))
