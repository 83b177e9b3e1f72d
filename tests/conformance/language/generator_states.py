# inspect.getgeneratorstate through a generator's life, a non-None first send, a generator
# that ignores GeneratorExit, re-entering a running generator, and a generator expression.
import inspect


def counter():
    x = yield 1
    print(f"got {x}")
    y = yield 2
    return 'done'


def stubborn():
    try:
        yield 1
    except GeneratorExit:
        print("ignoring exit")
    yield 2


def selfish():
    yield next(me)


g = counter()
print(f"{type(g)}")
print(inspect.getgeneratorstate(g))
try:
    g.send(5)
except TypeError as e:
    print(f"TypeError: {e}")
print(inspect.getgeneratorstate(g))
print(next(g))
print(inspect.getgeneratorstate(g))
print(g.send('a'))
try:
    g.send('b')
except StopIteration as e:
    print(f"stop {e.value!r}")
print(inspect.getgeneratorstate(g))
s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print(f"RuntimeError: {e}")
me = selfish()
try:
    next(me)
except ValueError as e:
    print(f"ValueError: {e}")
print(inspect.getgeneratorstate(me))
try:
    inspect.getgeneratorstate(42)
except AttributeError as e:
    print(f"AttributeError: {e}")
print(sum(x * x for x in range(4)))
