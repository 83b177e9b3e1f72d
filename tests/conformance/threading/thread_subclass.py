# Deterministic: each thread is started and joined before the next one starts.
import threading


class Worker(threading.Thread):
    def __init__(self, label, times):
        super().__init__(name=f"worker-{label}")
        self.label = label
        self.times = times
        self.result = None

    def run(self):
        print(f"{self.name} running, current: {threading.current_thread().name}")
        self.result = self.label * self.times


class Plain(threading.Thread):
    def run(self):
        print("plain run in", self.name)


for w in [Worker("ab", 2), Worker("x", 3), Plain()]:
    w.start()
    w.join()
    print("result:", getattr(w, "result", "n/a"), "alive:", w.is_alive())
