"""Running one function in several spawned processes that start together (a barrier) and
report through a queue: for tests of what several workers do to one database at once."""

from __future__ import annotations

import asyncio
import multiprocessing


async def outcomes_of_processes(target, *args, count: int = 2) -> list:
    """Runs `target(*args, barrier, results)` in `count` processes; their reports, as sent."""
    spawn = multiprocessing.get_context("spawn")
    barrier, results = spawn.Barrier(count), spawn.Queue()
    workers = [
        spawn.Process(target=target, args=(*args, barrier, results), daemon=True)
        for _ in range(count)
    ]
    for worker in workers:
        worker.start()
    try:
        return [await asyncio.to_thread(results.get, True, 120) for _ in workers]
    finally:
        for worker in workers:
            await asyncio.to_thread(worker.join, 30)
            if worker.is_alive():
                worker.terminate()
