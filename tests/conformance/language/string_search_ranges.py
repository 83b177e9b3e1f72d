# Deterministic: single-threaded.


def attempt(f):
    try:
        return f()
    except Exception as e:
        return f"{type(e).__name__}: {e}"


s = "abcabc"
print(s.find("b", 2), s.find("b", -3), s.find("b", 2, 4), s.find("c", -100, -3), s.find("", 6), s.find("", 7))
print(s.rfind("b"), s.rfind("b", 0, 4), s.rfind("z"), s.rfind("", 1), s.index("c", 3), s.rindex("b", 0, -2))
print(s.count("bc", 2), s.count("bc", -4, -1), s.count(""), s.count("", 1, 2), s.count("", 9), "aaaa".count("aa"))
print(s.startswith("bc", 1), s.startswith("", 6), s.startswith("", 7), s.endswith("ab", 0, 5), s.endswith(("x", "bc"), -2))
w = "héllo wörld"
print(w.find("ö"), w.rfind("l"), w.index("w", 3), w.count("l", 3), w.find("l", -2), w.startswith("wö", 6))
print(s.find("a", None, None), s.find("c", True), s.rfind("a", -1))
print(attempt(lambda: s.rindex("x")), "|", attempt(lambda: s.index("c", 0, 2)), "|", attempt(lambda: s.find(1)))
print(attempt(lambda: s.find("a", "x")), "|", attempt(lambda: s.startswith(1)))
print(attempt(lambda: s.endswith(("a", 1))), "|", attempt(lambda: s.startswith(("a", 1))))
