"""asyncio.sleep when the running loop's class has its call_later or create_future
replaced in the middle of a run: the replacements are called while they are in place,
and sleeps go back to the loop's own methods once they are restored."""
import asyncio

ORIGINAL = {}


def call_later(self, delay, callback, *args, context=None):
    print('patched call_later', delay)
    return ORIGINAL['call_later'](self, delay, callback, *args, context=context)


def create_future(self):
    print('patched create_future')
    return ORIGINAL['create_future'](self)


async def main():
    loop = asyncio.get_running_loop()
    cls = type(loop)
    await asyncio.sleep(0.1)
    print('plain', loop.time())

    ORIGINAL['call_later'] = cls.call_later
    cls.call_later = call_later
    await asyncio.sleep(0.2)
    print('after patched call_later', round(loop.time(), 6))
    cls.call_later = ORIGINAL['call_later']
    await asyncio.sleep(0.3)
    print('restored call_later', round(loop.time(), 6))

    ORIGINAL['create_future'] = cls.create_future
    cls.create_future = create_future
    await asyncio.sleep(0.4)
    print('after patched create_future', round(loop.time(), 6))
    cls.create_future = ORIGINAL['create_future']
    await asyncio.sleep(0.5)
    print('restored create_future', round(loop.time(), 6))


asyncio.run(main())
