"""A sweeper in its own OS process, with its own event loop and its own Tortoise connections,
for test_sweep_concurrency. Spawned, so it shares nothing with the pytest process but the
database; it freezes its own clock at each round's instant and meets its twin at a barrier
just before sweeping."""

from __future__ import annotations

import asyncio


def run_sweeper(database_url: str, instants: list, barrier, results) -> None:
    import time_machine

    from hub import db
    from hub.sla.sweep import sweep_clocks

    async def main() -> list[tuple[int, int]]:
        await db.init(database_url)
        try:
            counts = []
            for instant in instants:
                with time_machine.travel(instant, tick=False):
                    await asyncio.to_thread(barrier.wait, 60)
                    result = await sweep_clocks()
                    counts.append((result.warnings, result.breaches))
            return counts
        finally:
            await db.close()

    try:
        results.put(("ok", asyncio.run(main())))
    except BaseException as error:  # reported to the test, which fails with it
        results.put(("error", repr(error)))
        raise
