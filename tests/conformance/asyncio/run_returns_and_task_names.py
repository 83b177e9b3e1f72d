"""asyncio.run returns main's result; Task-N names come from one counter for the whole
program (each run also spends two on its shutdown steps); names can be given and
changed."""
import asyncio

async def child():
    return asyncio.current_task().get_name()

async def main(tag):
    me = asyncio.current_task()
    print(tag, me.get_name(), me.get_coro().__name__)
    t = asyncio.create_task(child())
    named = asyncio.create_task(child(), name="worker")
    print(await t, await named)
    named.set_name(7)
    print(repr(named.get_name()))
    return tag * 2

print(asyncio.run(main(1)))
print(asyncio.run(main(2)))
