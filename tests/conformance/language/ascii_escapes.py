# Deterministic: single-threaded.
print(f"{'é'!a} {'plain'!a} {['ü']!a}")
print(ascii("naïve"), ascii(["ß", 1]), ascii("中"))
