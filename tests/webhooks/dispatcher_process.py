"""A webhook dispatcher in its own OS process (own event loop, own Tortoise pool), for
test_fanout_concurrency. Spawned, so it shares nothing with pytest but the database; it meets
its twin at a barrier, fans out, and leaves the sending to the test (it queues nothing)."""

from __future__ import annotations

import asyncio


def run_dispatcher(database_url: str, batch_size: int, barrier, results) -> None:
    from hub import db
    from hub.webhooks import dispatch

    async def no_sending(_deliveries) -> None:
        return None

    dispatch._enqueue_first_attempts = no_sending

    async def main() -> int:
        await db.init(database_url)
        try:
            await asyncio.to_thread(barrier.wait, 60)
            return await dispatch.dispatch_events(batch_size=batch_size, max_batches=1000)
        finally:
            await db.close()

    try:
        results.put(("ok", asyncio.run(main())))
    except BaseException as error:  # reported to the test, which fails with it
        results.put(("error", repr(error)))
        raise
