# Deterministic: single-threaded.
print(repr("it's"), repr('say "hi"'), repr("both ' and \""), repr("tab\tnew\nline\\"))
print(repr("\x00\x1f\x7f"), repr("é ü 中"), ["a'b", "c"], ("x",), str("é"), f"{'q'!r:>5}")
