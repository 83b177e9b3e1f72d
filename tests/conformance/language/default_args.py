# Deterministic: single-threaded.


def append_to(item, bucket=[]):
    bucket.append(item)
    return bucket


def greet(name, greeting="Hello", *, punct="!"):
    return f"{greeting}, {name}{punct}"


print(append_to(1), append_to(2), append_to(3, []))
print(greet("Ann"), greet("Bob", "Hi"), greet(greeting="Yo", name="Cy"), greet("Di", punct="?"))
try:
    greet("Ed", "Hey", "!!")
except TypeError as e:
    print("TypeError:", e)
try:
    greet()
except TypeError as e:
    print("TypeError:", e)
