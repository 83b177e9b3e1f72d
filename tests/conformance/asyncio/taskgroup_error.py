"""A failing task in a TaskGroup cancels its siblings and the body; the group raises an
ExceptionGroup holding the error."""
import asyncio

async def fails():
    await asyncio.sleep(1)
    raise ValueError("child failed")

async def sibling(name):
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print(name, "cancelled at", asyncio.get_running_loop().time())
        raise

async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(sibling("s1"))
            tg.create_task(fails())
            tg.create_task(sibling("s2"))
            await asyncio.sleep(10)
            print("body not finished")
    except ExceptionGroup as eg:
        print("caught", type(eg).__name__, eg.exceptions)
    print("after", asyncio.get_running_loop().time())

asyncio.run(main())
