# Deterministic: single-threaded.
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("quiet") from None
except ValueError as e:
    print("from None:", e.__suppress_context__)
try:
    raise KeyError("plain")
except KeyError as e:
    print("plain raise:", e.__suppress_context__)
try:
    raise RuntimeError("explicit") from KeyError("cause")
except RuntimeError as e:
    print("from a cause:", e.__suppress_context__)
