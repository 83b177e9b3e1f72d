"""The tutorial's get_event_loop example: a plain function gets the main thread's event
loop and runs it until a one-second sleep completes."""
import asyncio

def synchronous_function():
    loop = asyncio.get_event_loop()
    if loop.is_running():
        print("Event loop is already running.")
    else:
        print("Event loop is not running. Creating and running a new loop.")
        loop.run_until_complete(asyncio.sleep(1))

synchronous_function()
