# Deterministic: single-threaded; dicts keep insertion order.
d = {"b": 2, "a": 1}
d["c"] = 3
d["b"] = 20
print(d, len(d), list(d), list(d.keys()), list(d.values()), list(d.items()))
print(d.get("a"), d.get("z"), d.get("z", 0), "a" in d, 20 in d)
print(d.setdefault("a", 99), d.setdefault("n", []), d)
print(d.pop("n"), d.pop("zz", "default"), d)
d.update({"a": -1, "e": 5}, f=6)
print(d)
print(d.popitem(), d)
del d["b"]
print(d, dict(zip("xy", [1, 2])), dict(a=1), dict([("k", "v")]), {1: "one", (2, 3): [4]})
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(counts, sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
print({**counts, "m": 0} == {"m": 0, "i": 4, "s": 4, "p": 2}, d.copy() is d, {} or "empty")
try:
    d["missing"]
except KeyError as e:
    print("KeyError", e)
