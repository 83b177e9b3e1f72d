# Deterministic: single-threaded.


def echo():
    try:
        while True:
            try:
                received = yield
                print("echo", received)
            except KeyError as e:
                print("recovered from", repr(e))
    finally:
        print("echo closed")


e = echo()
next(e)
e.send("hi")
e.throw(KeyError("k"))
e.send([1, 2])
e.close()
e.close()
print("after close")
