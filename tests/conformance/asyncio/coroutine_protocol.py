"""A coroutine object can be driven by hand: send(None) runs it, StopIteration carries
its return value, throw raises inside it, close ends it; iscoroutine and
iscoroutinefunction tell coroutines apart."""
import asyncio
import inspect

async def add(a, b):
    return a + b

async def guarded():
    try:
        await asyncio.sleep(0)
    except ValueError as e:
        return f"handled {e}"

c = add(2, 3)
print(type(c).__name__, asyncio.iscoroutine(c), inspect.iscoroutinefunction(add))
print(inspect.getcoroutinestate(c))
try:
    c.send(None)
except StopIteration as e:
    print("returned", e.value)
print(inspect.getcoroutinestate(c))
g = guarded()
print(g.send(None))
try:
    g.throw(ValueError("boom"))
except StopIteration as e:
    print(e.value)
h = guarded()
h.send(None)
h.close()
print(inspect.getcoroutinestate(h))
