"""The tutorial's create_task / wait / wait_for example. wait(FIRST_COMPLETED) returns
after one second with task1 done; the pending tasks are printed by name and coroutine
(their repr would show memory addresses); wait_for gives long_task three seconds of its
five, so it times out."""
import asyncio

async def task1():
    await asyncio.sleep(1)
    return 'Task 1 complete'

async def task2():
    await asyncio.sleep(2)
    return 'Task 2 complete'

async def task3():
    await asyncio.sleep(3)
    return 'Task 3 complete'

async def long_task():
    print("Task started")
    await asyncio.sleep(5)
    print("Task finished")
    return "Result of the task"

async def main():
    t1 = asyncio.create_task(task1())
    t2 = asyncio.create_task(task2())
    t3 = asyncio.create_task(task3())

    done, pending = await asyncio.wait([t1, t2, t3], return_when=asyncio.FIRST_COMPLETED)

    for task in done:
        print(task.result())

    for task in sorted(pending, key=lambda t: t.get_name()):
        print(f"{task.get_name()} {task.get_coro().__name__}")

    try:
        result = await asyncio.wait_for(long_task(), timeout=3)
        print(f"Task completed: {result}")
    except asyncio.TimeoutError:
        print("Task timed out!")

asyncio.run(main())
