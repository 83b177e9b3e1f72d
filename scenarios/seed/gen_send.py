"""The tutorial's send example: a running total fed by send(); next() starts it."""

def calculator():
    total = 0
    while True:
        x = yield total
        if x is None:
            break
        total += x

calc_gen = calculator()
print(next(calc_gen))
print(calc_gen.send(10))
print(calc_gen.send(20))
print(calc_gen.send(-5))
calc_gen.close()
