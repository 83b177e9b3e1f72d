# Deterministic: the only worker is started and joined before the main thread prints
# again; everything it records is printed by the main thread afterwards.
import threading

seen = {}


def worker():
    me = threading.current_thread()
    seen["name"] = me.name
    seen["is_t"] = me is t
    seen["main_is_main"] = threading.main_thread() is main
    seen["is_main"] = me is threading.main_thread()
    seen["count"] = threading.active_count()


main = threading.current_thread()
print(main.name, main is threading.main_thread())
t = threading.Thread(target=worker, name="helper")
t.start()
t.join()
print(seen)
print(threading.active_count())
