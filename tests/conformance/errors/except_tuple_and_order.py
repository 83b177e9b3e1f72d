# Deterministic: single-threaded.


def classify(action):
    try:
        action()
    except (KeyError, IndexError) as e:
        return f"lookup {type(e).__name__}"
    except ArithmeticError as e:
        return f"arithmetic {type(e).__name__}"
    except Exception as e:
        return f"other {type(e).__name__}"
    return "no error"


print(classify(lambda: {}["a"]))
print(classify(lambda: [][1]))
print(classify(lambda: 1 // 0))
print(classify(lambda: int("z")))
print(classify(lambda: None))
try:
    raise LookupError("base")
except (KeyError, IndexError):
    print("wrong")
except LookupError as e:
    print("LookupError is not caught by its subclasses:", e)
