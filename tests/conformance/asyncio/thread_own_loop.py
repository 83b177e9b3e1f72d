"""A thread runs its own asyncio.run: each thread has its own loop and its own tasks."""
import asyncio
import threading

results = []


async def child(name, delay):
    await asyncio.sleep(delay)
    loop = asyncio.get_running_loop()
    results.append((name, loop.time()))
    return name.upper()


async def in_thread():
    task = asyncio.create_task(child("worker", 0.5))
    print("thread task:", task.get_name())
    value = await task
    print("thread got", value, "at", asyncio.get_running_loop().time())
    return value


def thread_main():
    value = asyncio.run(in_thread())
    print("thread's asyncio.run returned", value)
    try:
        asyncio.get_running_loop()
    except RuntimeError as e:
        print("after run:", e)


async def main():
    print("main task:", asyncio.current_task().get_name())
    value = await child("main", 0.25)
    print("main got", value)


t = threading.Thread(target=thread_main)
t.start()
t.join()
asyncio.run(main())
print(results)
