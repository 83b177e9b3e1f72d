"""The tutorial's asyncio.Event example: the waiter blocks until the setter sets the
event two seconds later."""
import asyncio

async def waiter(event):
    print("Waiting for event...")
    await event.wait()
    print("Event received!")

async def setter(event):
    await asyncio.sleep(2)
    event.set()

async def main():
    event = asyncio.Event()
    await asyncio.gather(waiter(event), setter(event))

asyncio.run(main())
