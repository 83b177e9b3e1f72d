"""When main returns, asyncio.run gives the loop one more iteration (a task created just
before still takes its first step), then cancels the tasks left, which see
CancelledError and may clean up. (With several left, CPython cancels them in the order of
a set of tasks, which follows memory addresses; sim cancels them in creation order.)"""
import asyncio

async def background(name, delay):
    print(name, "starts")
    try:
        await asyncio.sleep(delay)
        print(name, "ends")
    except asyncio.CancelledError:
        print(name, "cancelled at shutdown")
        raise
    finally:
        print(name, "finally")

async def main():
    asyncio.create_task(background("early", 0.5))
    await asyncio.sleep(1)
    asyncio.create_task(background("late", 10))
    print("main returns")
    return "main result"

print(asyncio.run(main()))
print("after run")
