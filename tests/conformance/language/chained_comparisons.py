# Deterministic: single-threaded.
calls = []


def val(v):
    calls.append(v)
    return v


x = 5
print(1 < x < 10, 1 < x > 10, 0 <= x <= 5 < 6, x == 5 == 5.0, 1 < 2 > 1.5 != 3)
print(val(1) < val(3) < val(2) < val(4), calls)
calls.clear()
print(val(5) > val(9) > val(0), calls)
print("a" < "b" < "c", [1] < [2] < [3], (1, 2) <= (1, 2) < (1, 3), 1 is not None is not False)
print(3 in [1, 3] in [[1, 3]], not 1 < 0, None == None, 0 == False == "")
print(1 < 2 and "yes" or "no", 0 or [] or "last", 1 and 2 and 3, 1 if 0 < 1 < 2 else 2)
