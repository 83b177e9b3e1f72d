"""The tutorial's monitor example: one task polls a future every half second while
another sets it after two seconds."""
import asyncio

async def main():
    loop = asyncio.get_running_loop()
    future = loop.create_future()

    async def set_future_result():
        await asyncio.sleep(2)
        future.set_result("Future result")

    async def monitor_future():
        while not future.done():
            print("Waiting for future to complete...")
            await asyncio.sleep(0.5)
        print("Future completed!")

    monitor_task = asyncio.create_task(monitor_future())
    result_task = asyncio.create_task(set_future_result())
    await asyncio.gather(monitor_task, result_task)
    print(f"Result: {future.result()}")

asyncio.run(main())
