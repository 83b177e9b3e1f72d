"""The tutorial's first generator: a for loop drains it, then inspect reports the
function kind and the generator's state."""
import inspect

def simple_generator():
    yield 1
    yield 2
    yield 3

gen = simple_generator()
for value in gen:
    print(value, end=",")
print(inspect.isgeneratorfunction(simple_generator))
print(inspect.getgeneratorstate(gen))
gen.close()
