"""The tutorial's range example: the loop stops at 50000 without building ten million
numbers, and the generator function it compares range to does the same."""

def generator(my_range):
    for i in range(my_range):
        yield i

for value in range(10000000):
    if value == 50000:
        print("Found it")
        break

for value in generator(10000000):
    if value == 50000:
        print("Found it")
        break
