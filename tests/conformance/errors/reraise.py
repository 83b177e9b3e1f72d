# Deterministic: single-threaded.


def risky():
    try:
        [][0]
    except IndexError:
        print("logging and re-raising")
        raise


try:
    risky()
except IndexError as e:
    print("outer caught:", repr(e))
try:
    try:
        raise KeyError("k")
    except KeyError as e:
        err = e
        raise err
except KeyError as e:
    print("same object:", e is err)
try:
    try:
        raise ValueError("inner")
    finally:
        print("finally sees the exception pass")
except ValueError as e:
    print("after finally:", e)
