# Deterministic: single-threaded.


def attempt(f):
    try:
        return f()
    except Exception as e:
        return f"{type(e).__name__}: {e}"


point = {"x": 3, "y": [4, 5], "name": "é"}
print("{x}-{y[1]}-{name!a}-{name!r:>5}".format_map(point), "no fields".format_map(1))
print("{0[1]}|{1[a]}|{2[0]}|{{}}|{00}".format([5, 6], {"a": 2}, "xy"), "{:{}}|{:>{w}}|".format(3, 5, "a", w=4))
print("{x:{fill}^{w}}".format(x="m", fill="*", w=5), "{0:{1}{2}}".format(3.14159, ".", "2f"), "{!s:>4}".format(1.5))
print(attempt(lambda: "{}".format_map({})), "|", attempt(lambda: "{a}".format_map({})), "|", attempt(lambda: "{a}".format_map([])))
print(attempt(lambda: "{0}{}".format(1, 2)), "|", attempt(lambda: "{}{0}".format(1, 2)))
print(attempt(lambda: "{!x}".format(1)), "|", attempt(lambda: "{".format()), "|", attempt(lambda: "{0".format(1)))
print(attempt(lambda: "{:{:{}}}".format(1, 2, 3)), "|", attempt(lambda: "{0!rr}".format(1)), "|", attempt(lambda: "{5}".format()))
print(attempt(lambda: "{0.}".format(1)), "|", attempt(lambda: "{0[0]x}".format([1])), "|", attempt(lambda: "{ }".format(1)))
