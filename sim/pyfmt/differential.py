# The CPython side of the differential test in differential.rs.
#
# Reads cases, one per line: "<kind> <a> <b>", where floats are their IEEE bits in decimal,
# text is "x" then its UTF-8 in hex, and unused fields are "-". Prints the Python version,
# then one result per case: "OK:" or "ERR:" followed by the result or the exception's
# message, as UTF-8 in hex.
import struct
import sys


def f64(bits):
    return struct.unpack("<d", struct.pack("<Q", int(bits)))[0]


def bits(x):
    return str(struct.unpack("<Q", struct.pack("<d", x))[0])


def text(field):
    return bytes.fromhex(field[1:]).decode("utf-8")


def run(kind, a, b):
    if kind == "repr_float":
        return repr(f64(a))
    if kind == "repr_str":
        return repr(text(a))
    if kind == "format_int":
        return format(int(a), text(b))
    if kind == "format_float":
        return format(f64(a), text(b))
    if kind == "format_str":
        return format(text(a), text(b))
    if kind == "round":
        return bits(round(f64(a), int(b)))
    raise SystemExit(f"unknown case kind {kind!r}")


print("%d.%d" % sys.version_info[:2])
with open(sys.argv[1], encoding="ascii") as cases:
    for line in cases:
        kind, a, b = line.split()
        try:
            print("OK:" + run(kind, a, b).encode("utf-8").hex())
        except (ValueError, OverflowError) as error:
            print("ERR:" + str(error).encode("utf-8").hex())
