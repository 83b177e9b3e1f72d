"""The queue pipeline variant: 1,000 pipelines of 10 tasks (10,000 tasks) joined by
asyncio.Queue(maxsize=1); each source sleeps before each of its 100 items, and every
stage passes each item on."""
import asyncio

PIPELINES = 1000
STAGES = 10
ITEMS = 100


async def source(out):
    for i in range(ITEMS):
        await asyncio.sleep(0.001)
        await out.put(i)


async def stage(inbox, out):
    for _ in range(ITEMS):
        item = await inbox.get()
        await out.put(item + 1)


async def sink(inbox):
    total = 0
    for _ in range(ITEMS):
        total += await inbox.get()
    return total


async def pipeline():
    queues = [asyncio.Queue(maxsize=1) for _ in range(STAGES - 1)]
    tasks = [asyncio.create_task(source(queues[0]))]
    for k in range(STAGES - 2):
        tasks.append(asyncio.create_task(stage(queues[k], queues[k + 1])))
    total = await sink(queues[-1])
    await asyncio.gather(*tasks)
    return total


async def main():
    totals = await asyncio.gather(*[pipeline() for _ in range(PIPELINES)])
    print(f"{PIPELINES} pipelines of {STAGES} tasks moved {sum(totals)} in total")


asyncio.run(main())
