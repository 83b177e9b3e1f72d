# Deterministic: single-threaded.
xs = [3, 1, 2]
xs.append(5)
xs.extend([0, 7])
xs.insert(1, 9)
xs.insert(-1, 8)
xs.insert(100, 4)
print(xs, len(xs))
print(xs.pop(), xs.pop(0), xs.pop(-2), xs)
xs.remove(1)
print(xs, xs.index(2), xs.count(9), 9 in xs)
xs.sort()
print(xs, sorted(xs, reverse=True))
xs.reverse()
ys = xs.copy()
ys[0] = "changed"
print(xs, ys, xs + [None], [0] * 3, [[]] * 2)
nested = [1, "two", 3.0, None, True, (4,), [5, [6]], {"k": "v"}, "it's", 'say "hi"']
print(nested)
print(repr(nested[1]), str(nested), [] == [], [1, 2] < [1, 3], [1, 2] == [1, 2.0])
del xs[0]
del xs[-2:]
xs.clear()
print(xs, list("abc"), list(range(2, 10, 3)), list(reversed([1, 2, 3])))
