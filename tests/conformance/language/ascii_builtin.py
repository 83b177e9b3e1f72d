# Deterministic: single-threaded.
print(ascii(1), ascii("plain"), ascii("naïve"), ascii(["ß", 1]), ascii("中"), ascii("\U0001f600\x00\u0100"))
print(ascii("it's é"), ascii({"é": ("ü",)}), ascii(None), ascii(2.5), "{!a}".format("é"), "%a" % "ü")
