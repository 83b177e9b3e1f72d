"""Without return_exceptions, the first error propagates out of gather at once, but the
other children are not cancelled: they go on and finish."""
import asyncio

async def fail():
    await asyncio.sleep(1)
    raise RuntimeError("boom")

async def slow(name):
    await asyncio.sleep(2)
    print(name, "still finishes")
    return name

async def main():
    a = asyncio.create_task(slow("a"))
    try:
        await asyncio.gather(a, fail(), slow("b"))
    except RuntimeError as e:
        print("gather raised", e, "at", asyncio.get_running_loop().time())
    print(a.done())
    await asyncio.sleep(3)
    print(a.done(), a.result())

asyncio.run(main())
