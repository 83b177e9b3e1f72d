"""Many tasks sleeping the same delay wake in the order they went to sleep, at the same
virtual time; tasks awaiting one future wake in the order they started waiting."""
import asyncio

async def sleeper(i):
    await asyncio.sleep(1)
    print("sleeper", i, asyncio.get_running_loop().time())

async def waiter(fut, i):
    print("waiter", i, "got", await fut)

async def main():
    await asyncio.gather(*[sleeper(i) for i in range(5)])
    fut = asyncio.get_running_loop().create_future()
    tasks = [asyncio.create_task(waiter(fut, i)) for i in range(4)]
    await asyncio.sleep(0)
    fut.set_result("go")
    await asyncio.gather(*tasks)

asyncio.run(main())
