"""Done-callbacks run through call_soon in registration order, after the code that
completed the future; remove_done_callback returns how many it removed; a callback added
to a finished future is scheduled at once."""
import asyncio

def cb(tag):
    def callback(fut):
        print("callback", tag, fut.result())
    return callback

async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    first, second, third = cb(1), cb(2), cb(3)
    fut.add_done_callback(first)
    fut.add_done_callback(second)
    fut.add_done_callback(third)
    fut.add_done_callback(second)
    print("removed", fut.remove_done_callback(second))
    fut.set_result("done")
    print("set_result returned")
    await asyncio.sleep(0)
    print("after one iteration")
    fut.add_done_callback(cb(4))
    print("added late")
    await asyncio.sleep(0)
    print(fut.done(), fut.cancelled(), fut.result())

asyncio.run(main())
