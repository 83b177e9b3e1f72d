# Deterministic: single-threaded.
words = ["apple", "bob", "kayak", "tree", "noon"]
print([w.upper() for w in words if len(w) > 3])
print({w: len(w) for w in words})
print(sorted({len(w) for w in words}))
print([(i, j) for i in range(3) for j in range(i)])
print([[r * c for c in range(1, 4)] for r in range(1, 3)])
print([w for w in words if w == w[::-1]])
print({k: v for k, v in zip("abc", range(3)) if v != 1})
x = "outer"
print([x for x in range(2)], x)
print(sum(1 for w in words if "o" in w))
