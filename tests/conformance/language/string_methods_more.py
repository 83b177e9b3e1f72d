# Deterministic: single-threaded.
print("a,b,c".rsplit(",", 1), "abcabc".rfind("b"), "ab".swapcase())
print("k=v=w".partition("="), "k=v=w".rpartition("="), "nope".partition("="))
print("line1\nline2\r\nline3\n".splitlines(), "a\tb".expandtabs(4))
print(" \t".isspace(), "AB".isupper(), "ab".islower(), "a1".isalnum(), "Straße".casefold())
print("prefix_name".removeprefix("prefix_"), "file.txt".removesuffix(".txt"))
