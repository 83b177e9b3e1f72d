"""sleep(0) yields to the loop for one iteration, so two tasks alternate; a negative
delay is the same as zero; sleep returns its result argument."""
import asyncio

async def worker(name, n):
    for i in range(n):
        print(name, i)
        await asyncio.sleep(0)
    return name

async def main():
    results = await asyncio.gather(worker("a", 3), worker("b", 2))
    print(results)
    print(await asyncio.sleep(-1, result="negative"))
    print(await asyncio.sleep(0.5, "half"))
    print(asyncio.get_running_loop().time())

asyncio.run(main())
