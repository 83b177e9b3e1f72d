# Deterministic under PYTHONHASHSEED=0, which the conformance harness sets: str hashes
# are then SipHash-1-3 with a zero key, so sets of strings iterate in a fixed order.
# (Displays of three or more string constants are left out: their order also depends on
# which strings CPython's compiler had already interned.)
words = ["apple", "bob", "kayak", "tree", "noon", "a", "b", "ab", "", "é", "日本", "😀", "key1", "key2"]
s = set(words)
print(s, len(s))
print(set("mississippi"), set("hello world"), {w[:2] for w in words}, {"x", "y"})
t = set()
for w in words:
    t.add(w + "!")
    t.add((w, len(w)))
print(t)
print(s - {"apple", "bob"}, s & set(words[3:9]), s ^ set(["bob", "zed", "kayak", "ok"]))
print(s.union(["u1", "u2"], ("u3",)), s.intersection(words[::2]), s.difference(words[1::2]))
print([s.pop() for _ in range(5)], s)
print(set({"k1": 1, "k2": 2, "k3": 3}), set(["mixed", 1, 2.5, ("t", 1), True]))
