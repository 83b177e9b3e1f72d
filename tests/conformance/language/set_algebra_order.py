# Deterministic: single-threaded; the sets hold ints and tuples of ints, whose hashes (and
# so CPython's iteration order) do not depend on hash randomisation. Each method walks,
# copies and resizes as CPython's does, which decides the order of its result.
vals = [(i * 40503 + 17) % 1000 * 2**20 - i for i in range(1, 50)]
a = set(vals[:20])
b = set(vals[10:35])
l = vals[15:40] + [(1, 2), -7]
d = {v: 0 for v in vals[::3]}
print(a.union(l), a.union(b, l, d), a.union())
print(a.intersection(l), a.intersection(b, l), a.intersection(d), a.intersection())
print(a.difference(l), a.difference(b, l), a.difference(d), set(vals).difference(vals[:3]))
print(a.symmetric_difference(l), a.symmetric_difference(b), a.symmetric_difference(d))
print(a.issubset(l), a.issubset(vals), set(vals[:3]).issubset(b | a), a.issuperset(vals[:5]), a.isdisjoint(vals[30:]), a.isdisjoint(l))
print(a <= b, a < set(vals), set(vals) > b, a >= a, a == set(reversed(vals[:20])), a != b)
x = set(a)
x.update(l, d)
print(x)
x = set(a)
x.intersection_update(b, l)
print(x)
x = set(vals)
x.difference_update(l, b)
print(x, [x.pop() for _ in range(3)], x)
x = set(a)
x.symmetric_difference_update(l)
print(x)
x.symmetric_difference_update(d)
print(x)
x.symmetric_difference_update(b)
print(x, len(x))
