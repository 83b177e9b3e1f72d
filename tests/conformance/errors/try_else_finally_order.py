# Deterministic: single-threaded.


def run(fail):
    try:
        print("  try")
        if fail:
            raise ValueError("bad")
    except ValueError as e:
        print("  except", e)
    else:
        print("  else")
    finally:
        print("  finally")
    print("  after")


def early(n):
    try:
        if n == 0:
            return "returned from try"
        return 10 / n
    finally:
        print("  finally runs before the return,", n)


run(False)
print("--")
run(True)
print(early(0), early(4))
