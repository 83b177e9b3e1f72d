# Deterministic: single-threaded.
print("%s=%d (%.2f) [%5s|%-5s] %%" % ("k", 7, 2.5, "r", "l"))
print("%r %x %05.1f %+d" % ("q", 255, 3.14159, 4), "%s" % "alone", "%(a)s-%(b)s" % {"a": 1, "b": 2})
