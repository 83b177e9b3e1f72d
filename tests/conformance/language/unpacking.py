# Deterministic: single-threaded.
a, b, c = "xyz"
first, *middle, last = range(6)
head, *tail = [1]
(p, q), r = (1, 2), 3
print(a, b, c, first, middle, last, head, tail, p, q, r)
a, b = b, a
print(a, b)
for i, (name, score) in enumerate([("ann", 3), ("bob", 5)]):
    print(i, name, score)
x = y = [0]
x.append(1)
print(x, y, x is y)
try:
    m, n = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
try:
    m, n, o = [1, 2]
except ValueError as e:
    print("ValueError:", e)
