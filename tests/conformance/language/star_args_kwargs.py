# Deterministic: single-threaded.


def collect(first, *args, sep="-", **kwargs):
    return f"{first}|{args}|{sep}|{kwargs}"


nums = [1, 2, 3]
opts = {"sep": "+", "x": 1}
print(collect(0))
print(collect(*nums))
print(collect(0, *nums, 4, **opts, y=2))
print(collect(**{"first": "f", "z": None}))
print(max(*nums), min(nums, key=lambda v: -v), print(*nums, sep=", ", end=" <-\n"))
a, b = divmod(*[17, 5])
print(a, b, [*nums, *"ab"], {**opts, "sep": "/"}, (*nums,))
