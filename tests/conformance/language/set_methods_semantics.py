# Deterministic: single-threaded; the sets hold small ints (whose order does not depend on
# hash randomisation) or strings only in error messages.
def attempt(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
s = {1, 2, 3}
attempt(lambda: [s.add(x + 10) for x in s])
print(s)
t = {1, 2, 3}
it = iter(t)
print(next(it))
t.discard(3)
t.add(4)
print(list(it), t)
attempt(lambda: set().pop())
attempt(lambda: {1}.remove((1, 2)))
attempt(lambda: {1}.remove(2))
attempt(lambda: set().add())
attempt(lambda: set().add(1, 2))
attempt(lambda: set().symmetric_difference())
attempt(lambda: set().issubset())
attempt(lambda: set([1], [2]))
attempt(lambda: set(x=1))
attempt(lambda: set(5))
attempt(lambda: {1} | [1])
attempt(lambda: {1} & [1])
attempt(lambda: {1} < [1])
attempt(lambda: {[1]})
attempt(lambda: {1}.union(5))
attempt(lambda: {1}.union([[1]]))
attempt(lambda: {1}.intersection([1, []]))
attempt(lambda: {1}.intersection([[], 1]))
attempt(lambda: {1}.isdisjoint([1, []]))
attempt(lambda: {1}.isdisjoint([[], 1]))
attempt(lambda: {1}.issuperset([1, []]))
attempt(lambda: {1}.issubset([1, []]))
attempt(lambda: {1} in {1, 2})
attempt(lambda: {1, 2}.discard({1}))
attempt(lambda: {1}.remove({1}))
attempt(lambda: {1: 2}.get({1}))
u = {1, 2, 3}
attempt(lambda: u.difference_update([1, [], 2]))
print(u)
u = {1, 2, 3}
attempt(lambda: u.update([4, [], 5]))
print(u)
print({1} | {1.0}, {1.0} | {1}, {1.0} & {1}, {1} & {True, 2}, {True} - {1.0}, {1.0} ^ {2}, {1, 1.0, True})
print({1.0}.intersection([1]), {1.0, 2}.intersection([True]), {1, 2}.union([1.0, 2.0, 3.0]), set([True, 1, 1.0]))
print({0.5, 1}.symmetric_difference([1.0, 2.0]), {1, 2} == {2.0, 1.0}, {1, 2} <= {1, 2}, {1} < {1, 2}, {3} > set(), {1} >= {1, 2})
a = {1, 2, 3}
print(a.union(a), a.intersection(a), a.difference(a), a.symmetric_difference(a), a.isdisjoint(a), set().isdisjoint(set()))
b = {1, 2, 3}
b.update(b); print(b)
b.intersection_update(b); print(b)
b.symmetric_difference_update(b); print(b)
b = {1, 2, 3}
b.difference_update(b); print(b)
print(bool(set()), bool({0}), len({1, 2, 2}), sorted({3, 1, 2}), sum({1, 2, 3}), max({1, 5, 3}), min({4, 2}))
print(set('hello') == {'h', 'e', 'l', 'o'}, set(range(5)), set({1: 'a', 2: 'b'}), set((3, 3, 1)))
print([x for x in {30, 10, 20}], list(enumerate({8, 9})), tuple({5, 4}))
c = {100, 200, 300, 400, 500, 600, 700}
print([c.pop() for _ in range(3)], c)
c.clear()
c.update(range(20, 0, -3))
print(c, c.pop(), c)
