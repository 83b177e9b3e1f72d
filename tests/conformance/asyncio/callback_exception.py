"""An exception in a callback is reported (on stderr) and the loop goes on with the next
callback; current_task is None in a callback and names the task inside one."""
import asyncio

def broken():
    raise ZeroDivisionError("in callback")

def fine():
    print("next callback runs; current task:", asyncio.current_task())

async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(broken)
    loop.call_soon(fine)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("main goes on", asyncio.current_task().get_name(), len(asyncio.all_tasks()))

asyncio.run(main())
