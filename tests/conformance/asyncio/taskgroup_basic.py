"""TaskGroup: the async with block waits for every task created in it; results are
read from the tasks afterwards."""
import asyncio

async def job(name, n):
    await asyncio.sleep(n)
    print("done", name)
    return name * n

async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(job("a", 2))
        b = tg.create_task(job("b", 1), name="bee")
        print("tasks created", b.get_name())
    print("group exited at", asyncio.get_running_loop().time())
    print(a.result(), b.result())

asyncio.run(main())
