# Deterministic: the two threads alternate strictly: each waits for the event the other
# sets, so only one of them can run at a time.
import threading

ping = threading.Event()
pong = threading.Event()


def responder():
    for i in range(3):
        ping.wait()
        ping.clear()
        print("pong", i)
        pong.set()


t = threading.Thread(target=responder)
t.start()
for i in range(3):
    print("ping", i)
    ping.set()
    pong.wait()
    pong.clear()
t.join()
print("rally over")
