"""asyncio.Event wakes every waiter on set, in the order they started waiting; wait on a
set event returns at once; clear resets it."""
import asyncio

async def waiter(event, name):
    print(name, "waits")
    await event.wait()
    print(name, "woke", asyncio.get_running_loop().time())

async def main():
    event = asyncio.Event()
    tasks = [asyncio.create_task(waiter(event, f"w{i}")) for i in range(3)]
    await asyncio.sleep(1)
    print("setting", event.is_set())
    event.set()
    await asyncio.gather(*tasks)
    print(await event.wait())
    event.clear()
    print(event.is_set())

asyncio.run(main())
