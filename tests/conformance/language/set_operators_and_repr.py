# Deterministic: single-threaded; the sets hold small non-negative ints only, whose
# iteration order (by hash, i.e. by value modulo the table size) does not depend on
# hash randomisation.
a = {5, 3, 1}
b = set([4, 3, 2, 1])
print(a, b, len(a), 3 in a, 7 not in a)
print(a | b, a & b, a - b, a ^ b, a <= b, {1} < a)
a.add(0)
a.discard(42)
a.remove(5)
print(a, set(), {1, 1, 1}, {x % 4 for x in range(10)}, list({9, 2, 6}))
try:
    a.remove(42)
except KeyError as e:
    print("KeyError", e)
print("pop takes the first in iteration order:", {7, 2, 4}.pop())
