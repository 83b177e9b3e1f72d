# Deterministic: single-threaded.

try:
    raise KeyError("first")
except KeyError:
    print("handled first")
try:
    raise ValueError("second")
except ValueError as e:
    print("second has no context:", e.__context__ is None)
try:
    raise
except RuntimeError as e:
    print("bare raise with nothing active:", e)
except Exception as e:
    print("wrongly re-raised", repr(e))
