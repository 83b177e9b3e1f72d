"""The tutorial's generator expressions: one over a range, one with a condition."""
gen = (i for i in range(0, 10))
for value in gen:
    print(value, end=",")
print()

gen = (i * 2 for i in range(0, 9) if i % 2 == 0)
for value in gen:
    print(value, end=",")
print()
