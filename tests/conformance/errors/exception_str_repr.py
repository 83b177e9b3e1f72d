# Deterministic: single-threaded.
cases = [
    ValueError("bad value"),
    ValueError(),
    ValueError(""),
    Exception(1, "two"),
    KeyError("k"),
    KeyError(3),
    KeyError("a", "b"),
    IndexError("list index out of range"),
    RuntimeError(None),
    TypeError(["x"]),
]
for e in cases:
    print(f"str={str(e)!r} repr={e!r} args={e.args}")
print(f"{KeyError('key')}", KeyError("key"))
