"""Objects with __await__ can be awaited (a bare yield gives the loop one iteration);
async context managers run __aenter__ and __aexit__ around the block, and __aexit__ may
suppress an exception."""
import asyncio

class Ticket:
    def __init__(self, value):
        self.value = value

    def __await__(self):
        print("ticket yields once")
        yield
        return self.value

class Session:
    def __init__(self, name, suppress):
        self.name = name
        self.suppress = suppress

    async def __aenter__(self):
        print("enter", self.name)
        await asyncio.sleep(1)
        return self

    async def __aexit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None)
        await asyncio.sleep(1)
        return self.suppress

async def other():
    print("other task runs in between")

async def main():
    asyncio.create_task(other())
    print(await Ticket(7))
    async with Session("a", False) as s:
        print("inside", s.name)
    async with Session("b", True):
        raise ValueError("suppressed")
    try:
        async with Session("c", False):
            raise ValueError("escapes")
    except ValueError as e:
        print("caught", e)
    print(asyncio.get_running_loop().time())

asyncio.run(main())
