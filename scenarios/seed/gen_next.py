"""The tutorial's next example: each next() runs the generator to its next yield."""

def my_generator():
    print("hello")
    yield 1
    print("world")
    yield 2
    print("python")
    yield 'a'

g = my_generator()
print(type(g))
print(next(g))
print(next(g))
print(next(g))
