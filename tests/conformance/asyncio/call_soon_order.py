"""loop.call_soon runs callbacks in FIFO order with their arguments; callbacks scheduled
by a callback run in a later iteration than those already queued; a cancelled handle
never runs."""
import asyncio

def note(*args):
    print("callback", *args)

def chain(n):
    print("chain", n)
    if n < 3:
        asyncio.get_running_loop().call_soon(chain, n + 1)

async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(note, "a", 1)
    h = loop.call_soon(note, "cancelled")
    loop.call_soon(chain, 1)
    loop.call_soon(note, "b")
    print(h.cancelled())
    h.cancel()
    print(h.cancelled())
    for i in range(4):
        print("main step", i)
        await asyncio.sleep(0)

asyncio.run(main())
