# list.sort and sorted as CPython's timsort orders and fails: NaN, mixed types, keys
# that raise, a list changed while it is sorted, and a long list with merges.
nan = float('nan')
print(sorted([3.0, nan, 1.0, 2.0]))
print(sorted([3.0, 1.0, nan, 2.0, 0.5], reverse=True))
data = [(i * 7919) % 1000 / 10 for i in range(300)]
data[150] = nan
data[40] = nan
ordered = sorted(data)
print(ordered[:12], ordered[140:152], ordered[-6:])
print(sorted([(2, 'b'), (1, 'z'), (2, 'a'), (1.5, 'q'), (1, 'a', 0)]))
print(sorted(['pear', 'apple', 'fig'], reverse=True), sorted([True, 0, -1, 2.5]))
items = [3, 1, 'a', 2, 0]
try:
    items.sort()
except TypeError as e:
    print('TypeError:', e, items)
items = [5, 4, 3, None, 1]
try:
    items.sort(reverse=True)
except TypeError as e:
    print('TypeError:', e, items)


def picky(x):
    if x == 2:
        raise ValueError('no twos')
    return -x


items = [3, 1, 2, 4]
try:
    items.sort(key=picky)
except ValueError as e:
    print('ValueError:', e, items)
items = [3, 1, 2]


def meddle(x):
    items.append(x)
    return x


try:
    items.sort(key=meddle)
except ValueError as e:
    print('ValueError:', e, items)
print(sorted('hello'), sorted({3: 'c', 1: 'a'}.items(), key=lambda kv: kv[1]))
