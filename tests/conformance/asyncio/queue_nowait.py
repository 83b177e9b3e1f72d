"""put_nowait and get_nowait raise QueueFull and QueueEmpty instead of waiting; qsize,
empty and full report the state."""
import asyncio

async def main():
    q = asyncio.Queue(1)
    q.put_nowait("a")
    print(q.qsize(), q.empty(), q.full())
    try:
        q.put_nowait("b")
    except asyncio.QueueFull:
        print("QueueFull")
    print(q.get_nowait())
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")
    print(issubclass(asyncio.QueueEmpty, Exception))

asyncio.run(main())
