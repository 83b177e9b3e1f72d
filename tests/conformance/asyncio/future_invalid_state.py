"""Future errors: a second set_result or set_exception is InvalidStateError, a pending
future has no result or exception yet, cancel only works once, a cancelled future raises
CancelledError with its message, and StopIteration cannot be set."""
import asyncio

async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    try:
        f.result()
    except asyncio.InvalidStateError as e:
        print("result:", e)
    try:
        f.exception()
    except asyncio.InvalidStateError as e:
        print("exception:", e)
    f.set_result(1)
    for op in (lambda: f.set_result(2), lambda: f.set_exception(ValueError("x"))):
        try:
            op()
        except asyncio.InvalidStateError as e:
            print("again:", e)
    print(f.cancel(), f.result())
    g = loop.create_future()
    print(g.cancel("stop it"), g.cancel(), g.cancelled(), g.done())
    try:
        g.result()
    except asyncio.CancelledError as e:
        print("cancelled:", repr(e))
    h = loop.create_future()
    try:
        h.set_exception(StopIteration())
    except TypeError as e:
        print("TypeError:", e)
    h.set_exception(KeyError)
    print(repr(h.exception()))
    print(isinstance(asyncio.CancelledError(), Exception), issubclass(asyncio.CancelledError, BaseException))

asyncio.run(main())
