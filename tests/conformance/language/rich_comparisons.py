# Comparison methods of Python classes: reflection, NotImplemented, the subclass rule,
# the defaults of == and !=, and sorting, min and max with them.
class Version:
    def __init__(self, major, minor):
        self.major = major
        self.minor = minor

    def __lt__(self, other):
        print('lt', self.major, self.minor, 'vs', other.major, other.minor)
        if self.major < 0 or other.major < 0:
            raise ValueError('negative version')
        return (self.major, self.minor) < (other.major, other.minor)

    def __eq__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return (self.major, self.minor) == (other.major, other.minor)


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __lt__(self, other):
        if isinstance(other, int):
            return self.cents < other
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, int):
            return self.cents > other
        return NotImplemented


class Base:
    def __lt__(self, other):
        print('Base.__lt__')
        return True


class Derived(Base):
    def __gt__(self, other):
        print('Derived.__gt__')
        return False


a, b, c = Version(1, 2), Version(1, 10), Version(1, 2)
print(a < b, b < a, a > b, a == c, a != c, a == b, a != b, a == 'x', a != 'x')
try:
    print(a <= b)
except TypeError as e:
    print('TypeError:', e)
print(Money(5) < 7, 7 < Money(5), 3 > Money(5), Money(5) == Money(5))
try:
    print(Money(1) < Money(2))
except TypeError as e:
    print('TypeError:', e)
print(Base() < Derived(), Derived() < Base())
versions = [Version(2, 0), Version(1, 5), Version(1, 12), Version(3, 1)]
ordered = sorted(versions)
print([(v.major, v.minor) for v in ordered])
print((min(versions).major, min(versions).minor), (max(versions).major, max(versions).minor))
versions.append(Version(-1, 0))
try:
    versions.sort()
except ValueError as e:
    print('ValueError:', e, [(v.major, v.minor) for v in versions])
print(NotImplemented is NotImplemented, type(NotImplemented).__name__)
