# Deterministic: single-threaded.


class Counter:
    step = 2
    label = "counter"
    kinds = []

    def __init__(self, start):
        self.value = start

    def bump(self):
        self.value += self.step
        return self.value


c = Counter(1)
print(c.step, c.label, Counter.step, c.bump(), c.bump())
c.step = 10
print(c.bump(), Counter.step, Counter(0).step)
Counter.label = "renamed"
c.kinds.append("x")
print(c.label, Counter.kinds, getattr(c, "label"), hasattr(c, "missing"))
