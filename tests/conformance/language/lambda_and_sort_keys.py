# Deterministic: single-threaded; sorting is stable.
people = [("ann", 31), ("bob", 25), ("cy", 31), ("di", 19)]
by_age = sorted(people, key=lambda p: p[1])
print(by_age)
print(sorted(people, key=lambda p: (-p[1], p[0])))
square = lambda x: x * x
compose = lambda f, g: lambda x: f(g(x))
print(square(7), compose(square, lambda x: x + 1)(2), (lambda *a, **k: (a, k))(1, z=2))
people.sort(key=lambda p: p[0], reverse=True)
print(people)
print(square.__name__, (lambda: 0).__name__)
