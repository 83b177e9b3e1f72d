# Deterministic: single-threaded.
print("Hello World ß".swapcase(), "aΣ".swapcase(), "ǅ".swapcase(), "Straße".casefold(), "ﬁ ΣΑΣ".casefold())
print("ΑΣ b".title(), "they're bill's 1st".title(), "中a".title(), "ﬁx".title(), "AΣ".capitalize(), "ǆemal".capitalize())
print(" \t".isspace(), "".isspace(), "AB1".isupper(), "Ab".isupper(), "ab1 ".islower(), "1".islower(), "ǅ".isupper())
print("a1".isalnum(), "a 1".isalnum(), "²".isalnum(), "é".isalpha(), "Ⅻ".isalpha(), "ा".isalpha(), "".isalpha())
print("123".isdecimal(), "²".isdecimal(), "²".isdigit(), "٣".isdigit(), "½".isnumeric(), "½".isdigit(), "三".isnumeric())
print("Hello World".istitle(), "Hello world".istitle(), "ǅemal".istitle(), "A1 B2".istitle(), "".istitle())
print("é".isascii(), "".isascii(), "ab\n".isprintable(), "".isprintable())
print("prefix_name".removeprefix("prefix_"), "file.txt".removesuffix(".txt"), "abc".removeprefix("x"), "abc".removesuffix(""))
try:
    "abc".removeprefix(None)
except TypeError as e:
    print("TypeError:", e)
