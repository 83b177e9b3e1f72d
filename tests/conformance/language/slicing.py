# Deterministic: single-threaded.
xs = list(range(10))
print(xs[2:5], xs[:3], xs[7:], xs[-3:], xs[:-7], xs[::3], xs[::-1], xs[8:2:-2], xs[-1:-4:-1])
print(xs[5:2], xs[100:], xs[-100:2], xs[::-4], "hello"[1:4], "hello"[::-2], (1, 2, 3)[1:])
ys = xs[:]
ys[2:5] = ["a", "b"]
print(ys, len(ys))
ys[::2] = [0] * 5
print(ys)
ys[1:1] = ["inserted"]
del ys[-3:]
print(ys, ys is xs, xs[len(xs) - 1], xs[-len(xs)])
try:
    ys[::2] = [1]
except ValueError as e:
    print("ValueError:", e)
