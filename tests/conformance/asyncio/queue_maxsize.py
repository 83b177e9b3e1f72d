"""asyncio.Queue(maxsize=2): put waits while the queue is full; items come out in order."""
import asyncio

async def producer(q):
    for i in range(5):
        await q.put(i)
        print("put", i, "at", asyncio.get_running_loop().time(), "size", q.qsize())

async def consumer(q):
    for _ in range(5):
        await asyncio.sleep(1)
        print("got", await q.get())

async def main():
    q = asyncio.Queue(maxsize=2)
    print(q.maxsize, q.empty(), q.full())
    await asyncio.gather(producer(q), consumer(q))

asyncio.run(main())
