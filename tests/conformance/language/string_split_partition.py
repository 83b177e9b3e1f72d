# Deterministic: single-threaded.


def attempt(f):
    try:
        return f()
    except Exception as e:
        return f"{type(e).__name__}: {e}"


print("a,b,c".rsplit(",", 1), "a,b,c".rsplit(","), "aaa".rsplit("aa"), "aaa".split("aa"), "a b c".split(maxsplit=1))
print("  a  b c  ".rsplit(None, 1), "  a  b c  ".rsplit(maxsplit=0), "  a b  ".split(None, 0), "x\x1cy\u3000z".split())
print("k=v=w".partition("="), "k=v=w".rpartition("="), "no".partition("="), "no".rpartition("="))
print("a\r\rb\x0bc\x0cd\x85e\u2028f".splitlines(), "a\nb\r\n".splitlines(True), "a\nb".splitlines(keepends=True))
print(repr("a\tbc\td".expandtabs()), repr("\tx\n\ty".expandtabs(3)), repr("a\tb".expandtabs(0)), repr("ab\t".expandtabs(tabsize=2)))
print(repr(" \x1c a \x1f ".strip()), "xxhixx".lstrip("x"), "xxhixx".rstrip("x"))
print(attempt(lambda: "abc".rsplit("")), "|", attempt(lambda: "abc".split(1)), "|", attempt(lambda: "abc".partition("")))
print(attempt(lambda: "abc".rpartition(1)), "|", attempt(lambda: "a".splitlines(1.5)), "|", attempt(lambda: "a".strip(1)))
