"""10,000 tasks each awaiting asyncio.sleep 100 times (1,000,000 sleeps)."""
import asyncio

TASKS = 10000
SLEEPS = 100


async def sleeper(i):
    for _ in range(SLEEPS):
        await asyncio.sleep(0.001 * (i % 10 + 1))


async def main():
    await asyncio.gather(*[sleeper(i) for i in range(TASKS)])
    elapsed = round(asyncio.get_running_loop().time(), 6)
    print(f"{TASKS} tasks slept {SLEEPS} times each; virtual time {elapsed} s")


asyncio.run(main())
