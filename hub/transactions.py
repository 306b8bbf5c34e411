"""One transaction per service call, with work to do once it has committed.

Events, documents and deliveries are rows written inside the transaction; waking their readers
(subscribers, the job queue) must wait for the commit, or a reader could look before the rows
exist, and must not happen at all when the transaction rolls back.

On PostgreSQL each transaction first takes the event-append lock (event ids must follow commit
order: see hub/events/record.py). Taking it first, before any row lock, is what keeps it out of
deadlocks: a transaction that took row locks and then waited for it could wait on one that
holds it and wants those rows.

Work that must land in the same transaction as the change, at its very end (the audit entry,
whose hash chain takes its own lock: taken last, it never waits for a lock another transaction
holds), is a before-commit hook: `before_commit` for this transaction, `before_each_commit` for
every transaction a piece of code opens.
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
BeforeCommit = Callable[[], Awaitable[None]]
_pending: ContextVar[dict[object, AfterCommit] | None] = ContextVar("after_commit", default=None)
_before: ContextVar[dict[object, BeforeCommit] | None] = ContextVar("before_commit", default=None)
_before_each: ContextVar[BeforeCommit | None] = ContextVar("before_each_commit", default=None)
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
    before: dict[object, BeforeCommit] = {}
    if (each := _before_each.get()) is not None:
        before[each] = each
    token, before_token = _pending.set(hooks), _before.set(before)
    try:
        async with tortoise_transaction() as connection:
            if events:
                await take_event_append_lock(connection)
            yield connection
            await _run_before_commit(before)  # not reached when the body raised
    finally:
        _before.reset(before_token)
        _pending.reset(token)
    await _run(hooks.values())


async def _run_before_commit(before: dict[object, BeforeCommit]) -> None:
    """Each hook once, in order, those that a hook registers included."""
    done: set[object] = set()
    while todo := [key for key in before if key not in done]:
        for key in todo:
            done.add(key)
            await before[key]()


def before_commit(hook: BeforeCommit, *, key: object) -> BeforeCommit | None:
    """Run `hook` in the current transaction just before it commits (not if it rolls back);
    a hook already registered under `key` is kept and returned. None outside a transaction."""
    hooks = _before.get()
    if hooks is None:
        return None
    return hooks.setdefault(key, hook)


@contextlib.contextmanager
def before_each_commit(hook: BeforeCommit):
    """Within this block (this task and the ones it starts), `hook` runs before every
    outermost transaction commits."""
    token = _before_each.set(hook)
    try:
        yield
    finally:
        _before_each.reset(token)


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
