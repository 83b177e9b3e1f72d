# Deterministic: single-threaded.


def parse(text):
    try:
        return int(text)
    except ValueError as e:
        raise RuntimeError(f"cannot parse {text!r}") from e


try:
    parse("x1")
except RuntimeError as e:
    print(repr(e))
    print("cause:", repr(e.__cause__))
try:
    try:
        {}["missing"]
    except KeyError:
        raise TypeError("while handling")
except TypeError as e:
    print("implicit context:", repr(e.__context__), "cause:", e.__cause__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("quiet") from None
except ValueError as e:
    print("from None:", e.__cause__, repr(e.__context__))
