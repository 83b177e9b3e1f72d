# Deterministic: single-threaded.


class Tracer:
    def __init__(self, name, swallow=False):
        self.name = name
        self.swallow = swallow

    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()

    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None, exc)
        return self.swallow


with Tracer("a") as value:
    print("body got", value)
with Tracer("quiet", swallow=True):
    raise KeyError("swallowed")
print("continues after a swallowed error")
try:
    with Tracer("loud"):
        raise ValueError("propagates")
except ValueError as e:
    print("caught", e)
