# __repr__ and __str__ of Python classes: print, str, repr, f-strings with conversions and
# format specs, containers (nested, and one inside itself), exceptions, and methods that
# return something else than a str.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return f'Point({self.x}, {self.y})'


class Named:
    def __init__(self, name):
        self.name = name

    def __str__(self):
        return f'<{self.name}>'

    def __repr__(self):
        return f'Named({self.name!r})'


class Labeled(Point):
    def __str__(self):
        return f'{self.x}:{self.y}'


class Broken:
    def __repr__(self):
        return 42


class AppError(Exception):
    def __repr__(self):
        return 'AppError!'


class LoudError(Exception):
    def __str__(self):
        return 'loud ' + ', '.join(str(a) for a in self.args)


p = Point(1, 2)
n = Named('ann')
print(p, n, Labeled(3, 4))
print(str(p), repr(p), str(n), repr(n), str(Labeled(5, 6)), repr(Labeled(5, 6)))
print(f'{p} {p!r} {p!s} {n} {n!r} {n!s:>8}|')
print([p, n, 'x', 1.5], (p,), {'k': [n, (p, None)]}, {p: n})
print(*[p, n], sep='-')
print(p, n, sep=' & ', end='.\n')
items = [p]
items.append(items)
print(items, f'{items}')
print(str(AppError('boom')), repr(AppError('boom')), [AppError('x')])
print(LoudError(1, 'two'), str(LoudError('x')))
try:
    print(f'{p:>10}')
except TypeError as e:
    print('TypeError:', e)
for text in (lambda: repr(Broken()), lambda: str(Broken()), lambda: print(Broken())):
    try:
        text()
    except TypeError as e:
        print('TypeError:', e)
