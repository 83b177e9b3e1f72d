# Deterministic: single-threaded.
n, x, s = 1234567, 3.14159, "hi"
print(f"[{s:>6}] [{s:<6}] [{s:^6}] [{s:*^7}] [{s!r:>6}]")
print(f"[{n:,}] [{n:_}] [{n:>12,}] [{-42:05d}] [{42:+d}] [{42: d}]")
print(f"[{x:.2f}] [{x:8.3f}] [{x:<8.1f}] [{x:e}] [{x:.3g}] [{1e-7:g}] [{0.25:%}] [{0.256:.1%}]")
print(f"[{255:x}] [{255:X}] [{255:#x}] [{5:b}] [{5:#010b}] [{8:o}] [{65:c}]")
width, prec = 10, 3
print(f"[{x:{width}.{prec}f}] [{n=}] [{s = }] [{x=:.1f}]")
print(f"{{literal}} {'nested quotes'} {3 + 4} {[1, 2][1]} {None!s}")
print(format(1234.5, ",.2f"), "{:>5}|{:<5}|".format("a", "b"), "{0}{1}{0}".format("x", "y"))
