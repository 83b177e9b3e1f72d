"""asyncio.to_thread runs a blocking function in another thread and awaits its result;
the loop keeps running meanwhile."""
import asyncio
import threading

def blocking(n):
    total = sum(range(n))
    return (threading.current_thread().name, total)

async def main():
    name, total = await asyncio.to_thread(blocking, 10)
    print(name.startswith("asyncio_"), total)
    try:
        await asyncio.to_thread(int, "x")
    except ValueError as e:
        print("ValueError:", e)

asyncio.run(main())
