"""The tutorial's asyncio.Queue example as written: the producer puts five items and
ends, the consumer waits for a None that never comes. CPython hangs there; sim reports a
deadlock naming the consumer task."""
import asyncio

async def producer(queue):
    for i in range(5):
        await queue.put(i)
        await asyncio.sleep(1)

async def consumer(queue):
    while True:
        item = await queue.get()
        if item is None:
            break
        print(f"Consumed: {item}")
        queue.task_done()

async def main():
    queue = asyncio.Queue()
    await asyncio.gather(producer(queue), consumer(queue))

asyncio.run(main())
