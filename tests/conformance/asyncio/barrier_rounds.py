"""asyncio.Barrier(3): the third arrival releases all three; wait returns each arrival's
index; the barrier can be used again."""
import asyncio

async def party(barrier, name, delay):
    await asyncio.sleep(delay)
    print(name, "arrives; waiting:", barrier.n_waiting)
    index = await barrier.wait()
    print(name, "passes with index", index, "at", asyncio.get_running_loop().time())

async def main():
    barrier = asyncio.Barrier(3)
    print(barrier.parties, barrier.broken)
    await asyncio.gather(party(barrier, "a", 1), party(barrier, "b", 2), party(barrier, "c", 3))
    await asyncio.gather(party(barrier, "d", 0), party(barrier, "e", 0), party(barrier, "f", 0))

asyncio.run(main())
