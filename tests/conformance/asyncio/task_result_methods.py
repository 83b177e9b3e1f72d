"""A failed task keeps its exception: done() is true, exception() returns it, result()
raises it; done-callbacks of tasks run after the task's last step."""
import asyncio

async def fails():
    await asyncio.sleep(1)
    raise KeyError("missing")

async def works():
    return "fine"

async def main():
    t = asyncio.create_task(fails())
    t.add_done_callback(lambda task: print("callback sees done:", task.done()))
    u = asyncio.create_task(works())
    print(t.done(), u.done())
    await asyncio.sleep(2)
    print(t.done(), repr(t.exception()))
    try:
        t.result()
    except KeyError as e:
        print("result raised", repr(e))
    print(u.result(), u.exception())
    try:
        await t
    except KeyError:
        print("await raised too")

asyncio.run(main())
