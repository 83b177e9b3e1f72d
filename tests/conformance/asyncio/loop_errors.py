"""Misuse errors: no running loop outside a coroutine, asyncio.run inside a running loop,
a non-coroutine given to run, and awaiting a coroutine twice."""
import asyncio

async def inner():
    return 1

async def main():
    coro = inner()
    try:
        asyncio.run(coro)
    except RuntimeError as e:
        print("RuntimeError:", e)
    print(await coro)
    try:
        await coro
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        asyncio.get_running_loop().run_until_complete(inner())
    except RuntimeError as e:
        print("RuntimeError:", e)

try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    asyncio.run(42)
except ValueError as e:
    print("ValueError:", e)
asyncio.run(main())
