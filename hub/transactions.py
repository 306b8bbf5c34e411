"""One transaction per service call, with work to do once it has committed.

Events, documents and deliveries are rows written inside the transaction; waking their readers
(subscribers, the job queue) must wait for the commit, or a reader could look before the rows
exist, and must not happen at all when the transaction rolls back.

On PostgreSQL each transaction first takes the event-append lock (event ids must follow commit
order: see hub/events/record.py). Taking it first, before any row lock, is what keeps it out of
deadlocks: a transaction that took row locks and then waited for it could wait on one that
holds it and wants those rows.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextvars import ContextVar

from tortoise.transactions import in_transaction as tortoise_transaction

log = logging.getLogger(__name__)

AfterCommit = Callable[[], Awaitable[None]]
_pending: ContextVar[dict[object, AfterCommit] | None] = ContextVar("after_commit", default=None)
_background: set[asyncio.Task] = set()


@contextlib.asynccontextmanager
async def in_transaction(*, events: bool = True) -> AsyncIterator[object]:
    """Nested uses join the outer transaction; hooks run after the outermost one commits.
    `events=False` for bookkeeping that records no case event: it need not wait for the lock."""
    if _pending.get() is not None:
        async with tortoise_transaction() as connection:
            yield connection
        return
    hooks: dict[object, AfterCommit] = {}
    token = _pending.set(hooks)
    try:
        async with tortoise_transaction() as connection:
            if events:
                await take_event_append_lock(connection)
            yield connection
    finally:
        _pending.reset(token)
    await _run(hooks.values())


EVENT_APPEND_LOCK = 0x48554245  # "HUBE"


async def take_event_append_lock(connection) -> None:
    """Held until the transaction ends; taking it again in the same transaction is free."""
    if connection.capabilities.dialect == "postgres":
        await connection.execute_query("SELECT pg_advisory_xact_lock($1)", [EVENT_APPEND_LOCK])


def after_commit(hook: AfterCommit, *, key: object = None) -> None:
    """Run `hook` once the current transaction commits (at once, in the background, outside
    one). Hooks with the same key run once per transaction. A failing hook is logged: what it
    wakes is also found by the periodic sweeps."""
    hooks = _pending.get()
    if hooks is not None:
        hooks[key if key is not None else hook] = hook
        return
    task = asyncio.get_running_loop().create_task(_run([hook]))
    _background.add(task)
    task.add_done_callback(_background.discard)


async def _run(hooks) -> None:
    for hook in list(hooks):
        try:
            await hook()
        except Exception:
            log.exception("after-commit hook %r failed", hook)
