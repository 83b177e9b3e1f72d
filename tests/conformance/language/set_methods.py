# Deterministic: single-threaded; every result is sorted before printing.
a, b = {5, 3, 1}, {4, 3, 2, 1}
print(sorted(a.union([9], (8,))), sorted(a.intersection(b)), sorted(a.difference(b)))
print(sorted(a.symmetric_difference(b)), a.issubset(b), b.issuperset({2}), a.isdisjoint({8}))
a.update([7, 7], {6})
print(sorted(a))
