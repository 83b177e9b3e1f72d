"""Tasks waiting on an asyncio.Queue are served first come, first served: getters on an
empty queue and putters on a full one."""
import asyncio


async def getter(q, name):
    item = await q.get()
    print(f"{name} got {item}")


async def putter(q, name):
    await q.put(name)
    print(f"{name} put")


async def main():
    q = asyncio.Queue()
    getters = [asyncio.create_task(getter(q, f"getter {i}")) for i in range(3)]
    await asyncio.sleep(0)
    for item in "abc":
        q.put_nowait(item)
    await asyncio.gather(*getters)

    full = asyncio.Queue(maxsize=1)
    full.put_nowait("first")
    putters = [asyncio.create_task(putter(full, f"putter {i}")) for i in range(3)]
    await asyncio.sleep(0)
    for _ in range(4):
        print("took", await full.get())
        await asyncio.sleep(0)
    await asyncio.gather(*putters)


asyncio.run(main())
