# Deterministic: single-threaded.
s = "  Hello, World  "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), repr("xxhixx".strip("x")))
t = s.strip()
print(t.upper(), t.lower(), t.title(), "hello world".capitalize(), "ß".upper())
print(t.split(", "), "a,b,,c".split(","), " a  b ".split(), "a b c".split(" ", 1))
print("-".join(["x", "y", "z"]), t.replace("l", "L"), t.replace("l", "", 2), "abc" * 2)
print(t.find("o"), t.find("z"), t.index("W"), t.count("l"), "o" in t, "lo, W" in t)
print(t.startswith("Hell"), t.endswith(("x", "ld")), "42".isdigit(), "ab".isalpha(), "".isdigit())
print("7".zfill(3), "-7".zfill(4), "ab".center(6, "*"), "ab".ljust(4, "."), "ab".rjust(4) + "|")
print(ord("A"), chr(97), str(12) + "3", "Ab" < "a", len("héllo"), "abc"[::-1])
print("{} has {} items".format("cart", 3), "x".join("abc"), "a-b_c".replace("-", " ").split())
try:
    t.index("z")
except ValueError as e:
    print("ValueError:", e)
