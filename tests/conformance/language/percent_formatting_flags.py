# Deterministic: single-threaded.


def attempt(f):
    try:
        return f()
    except Exception as e:
        return f"{type(e).__name__}: {e}"


print("[%-05d|%05s|%+.3d|% 5.2f|%-+8.3e|%#.0f]" % (3, "ab", 7, 3.14159, 12345.678, 3))
print("[%#x %#X %#o|%#08x|%#-8o|%.3x|%+x]" % (255, 255, 8, -255, 8, 5, 255))
print("[%*.*f|%-*d|%.*f|%5c|%-3c|%c]" % (8, 2, 3.14159, -6, 5, -3, 1.5, 65, "é", 0x4E2D))
print("[%i %u %d %d|%g %G %.0g %#g|%E %F %05.1f]" % (True, -4, 3.7, 1e20, 1e-10, 1e20, 1234.5, 1.0, float("inf"), float("nan"), float("-inf")))
print("[%.2s|%10.2r|%a|%s|%r]" % ("hello", "hello", "naïve", [1, "é"], [1, "é"]), "%hd %ls %Lf" % (1, "s", 2.0))
print("%(a)s %(a)r %(b)05.1f" % {"a": "x", "b": 2.25}, "%s" % {"k": 1}, "plain" % {}, "plain" % [1], "%.1f%%" % 99.5)
print(attempt(lambda: "%d" % "3"), "|", attempt(lambda: "%x" % 3.0), "|", attempt(lambda: "%f" % None))
print(attempt(lambda: "%c" % "ab"), "|", attempt(lambda: "%c" % -1), "|", attempt(lambda: "%*d" % ("a", 1)))
print(attempt(lambda: "%z" % 1), "|", attempt(lambda: "%5%" % ()), "|", attempt(lambda: "abc %" % 1))
print(attempt(lambda: "%(a" % {}), "|", attempt(lambda: "%(a)s" % 5), "|", attempt(lambda: "%(x)d" % {"y": 1}))
print(attempt(lambda: "%s %s" % (1,)), "|", attempt(lambda: "%s" % (1, 2)), "|", attempt(lambda: "hello" % 5))
print(attempt(lambda: "%d" % float("inf")), "|", attempt(lambda: "%d" % float("nan")), "|", attempt(lambda: "%(a)s" % [1]))
