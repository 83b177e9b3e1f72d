# Deterministic: single-threaded.
results = []
for i in range(4):
    try:
        if i % 2:
            raise ValueError(i)
        results.append(10 // i)
    except ValueError as e:
        results.append(f"odd {e}")
    except ZeroDivisionError:
        results.append("zero")
print(results)
n = 0
while n < 3:
    n += 1
    try:
        {}[n]
    except KeyError as e:
        print("missing", e)
print("loops done")
