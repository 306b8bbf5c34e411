"""Database configuration, start-up and migrations (Tortoise's built-in migrations)."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import asyncpg
from tortoise import Tortoise
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.migrations.api import migrate as run_migrations
from tortoise.transactions import in_transaction

from hub.models import Case
from hub.settings import get_settings

MIGRATIONS_MODULE = "hub.migrations"
SQLITE_ENGINE = "hub.sqlite_engine"
POSTGRES_ENGINE = "hub.postgres_engine"


def is_postgres(database_url: str | None = None) -> bool:
    url = database_url or get_settings().effective_database_url
    return url.startswith(("postgres://", "postgresql://", "asyncpg://"))


def _milliseconds(seconds: float) -> int:
    return max(0, round(seconds * 1000))


async def keep_session_state(connection: asyncpg.Connection) -> None:
    """The pool's reset of a PostgreSQL connection given back: nothing beyond what asyncpg does
    in-process anyway (drop listener callbacks, roll back a transaction left open).

    asyncpg's default sends `SELECT pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *; RESET ALL`
    on every release, and Tortoise releases after each statement outside a transaction: a
    second round trip per statement. None of it has anything to undo here: the hub takes only
    transaction-scoped advisory locks (pg_advisory_xact_lock, released at commit), declares no
    cursor, never LISTENs on a pooled connection, and sets its session settings (lock and
    statement timeouts) when the connection opens, never with SET afterwards.
    tests/test_pool_reset.py checks the first and that no reset statement is sent."""


def connection_config(url: str, *, statement_timeout: bool = True) -> dict:
    """Tortoise's settings for `url`, with the lock and statement timeouts of the settings.
    Migrations may run long (statement_timeout off) but still give up waiting for a lock."""
    settings = get_settings()
    config = expand_db_url(url)
    lock_wait = _milliseconds(settings.database_lock_timeout_seconds)
    if url.startswith("sqlite://"):
        config["engine"] = SQLITE_ENGINE
        config["credentials"]["busy_timeout"] = lock_wait  # run as a PRAGMA on connect
    elif is_postgres(url):
        config["engine"] = POSTGRES_ENGINE
        statement = _milliseconds(settings.database_statement_timeout_seconds)
        server_settings = config["credentials"].setdefault("server_settings", {})
        server_settings["lock_timeout"] = str(lock_wait)
        server_settings["statement_timeout"] = str(statement if statement_timeout else 0)
        # Parallel workers start in a few ms each on a two-core host, more than the hub's
        # statements take: a utility's search page took 15 ms with them, 5 without (issue 22).
        server_settings["max_parallel_workers_per_gather"] = "0"
        config["credentials"]["reset"] = keep_session_state  # asyncpg.create_pool(reset=...)
    return config


def tortoise_config(database_url: str | None = None, *, statement_timeout: bool = True) -> dict:
    url = database_url or get_settings().effective_database_url
    if url.startswith("sqlite://") and ":memory:" not in url:
        Path(url.removeprefix("sqlite://")).parent.mkdir(parents=True, exist_ok=True)
    return {
        "connections": {"default": connection_config(url, statement_timeout=statement_timeout)},
        "apps": {
            "models": {
                "models": ["hub.models"],
                "default_connection": "default",
                "migrations": MIGRATIONS_MODULE,
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


TORTOISE_ORM = tortoise_config()


async def migrate(database_url: str | None = None) -> None:
    """Apply every migration, then sync the requirement catalogue from the service guide."""
    config = tortoise_config(database_url, statement_timeout=False)
    await run_migrations(config=config)
    await Tortoise.close_connections()
    await init(database_url)
    try:
        from hub.guide.sync import sync_requirement_catalogue

        await sync_requirement_catalogue()
    finally:
        await Tortoise.close_connections()


async def init(database_url: str | None = None) -> None:
    # The global fallback lets every request task (not only the one that ran the ASGI
    # lifespan) see the ORM.
    await Tortoise.init(config=tortoise_config(database_url), _enable_global_fallback=True)


async def close() -> None:
    await Tortoise.close_connections()


_SQLITE_BUSY = ("database is locked", "database table is locked")
# lock_timeout, and statement_timeout (which also stands for a cancelled statement)
_POSTGRES_BUSY = (asyncpg.exceptions.LockNotAvailableError, asyncpg.exceptions.QueryCanceledError)


def is_database_busy(error: BaseException) -> bool:
    """Whether `error` (or what it wraps: Tortoise keeps the driver's error in its args) is a
    lock held elsewhere past the lock timeout, or a statement past its timeout."""
    seen: set[int] = set()
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, _POSTGRES_BUSY):
            return True
        if isinstance(current, sqlite3.OperationalError) and str(current).startswith(_SQLITE_BUSY):
            return True
        pending += [current.__cause__, current.__context__]
        pending += [arg for arg in current.args if isinstance(arg, BaseException)]
    return False


async def check() -> str:
    """/readyz's database check: "ok", or why requests cannot use the database now. On SQLite
    it takes the write lock (a connection holding it stops every write); on PostgreSQL it reads
    the case table (an exclusive lock on it stops nearly every request)."""
    settings = get_settings()
    try:
        # The lock timeout bounds the probe; this bounds a connection that hangs otherwise.
        async with asyncio.timeout(settings.database_lock_timeout_seconds + 2):
            connection = Tortoise.get_connection("default")
            if connection.capabilities.dialect == "sqlite":
                async with in_transaction():  # BEGIN IMMEDIATE (hub/sqlite_engine.py)
                    pass
            else:
                await connection.execute_query(f'SELECT 1 FROM "{Case._meta.db_table}" LIMIT 1')
        return "ok"
    except Exception as exc:
        reason = "locked" if is_database_busy(exc) else type(exc).__name__
        return f"unavailable: {reason}"
