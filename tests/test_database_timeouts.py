"""A locked or slow database answers UPSTREAM_UNAVAILABLE within the lock timeout, writes
nothing, and makes /readyz say not ready; on SQLite (another connection holds the write lock)
and PostgreSQL (another connection holds an exclusive lock on the case table)."""

from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import asynccontextmanager

import asyncpg
import pytest
from tortoise import Tortoise

from hub import db
from hub.settings import get_settings
from tests.api import CREATE, Api
from tests.conftest import backend_url
from tests.factories import ADMIN, APPLICANT, application

LOCK_TIMEOUT = 0.3
# Far above the lock timeout and far below a hang: what matters is that the request gives up.
GIVES_UP_WITHIN = 3.0
CASE_COUNT = "{ cases { totalCount } }"
REGISTER_WEBHOOK = """mutation($input: RegisterWebhookInput!) {
  registerWebhook(input: $input) { endpoint { url } } }"""


@pytest.fixture
def lock_timeout() -> float:
    """Seconds; a test parametrizes it to wait longer."""
    return LOCK_TIMEOUT


@pytest.fixture(autouse=True)
def short_timeouts(monkeypatch, lock_timeout):
    """Set before the database fixture (autouse runs first), which opens the connections."""
    monkeypatch.setenv("HUB_DATABASE_LOCK_TIMEOUT_SECONDS", str(lock_timeout))
    get_settings.cache_clear()
    yield
    monkeypatch.undo()
    get_settings.cache_clear()


@asynccontextmanager
async def locked_by_another_connection(backend: str):
    """Another client holds the lock every write (SQLite) or every use of the case table
    (PostgreSQL) needs, until the block ends."""
    url = backend_url(backend)
    if backend == "sqlite":
        other = sqlite3.connect(url.removeprefix("sqlite://"), isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            other.execute("ROLLBACK")
            other.close()
    else:
        other = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
        try:
            async with other.transaction():
                await other.execute('LOCK TABLE "case" IN ACCESS EXCLUSIVE MODE')
                yield
        finally:
            await other.close()


async def test_a_write_against_a_held_lock_is_upstream_unavailable_and_writes_nothing(
    api: Api, database
):
    async with locked_by_another_connection(database):
        started = time.monotonic()
        body = await api.raw(CREATE, {"input": application(("POWER",))}, APPLICANT)
        elapsed = time.monotonic() - started
    error = body["errors"][0]
    assert error["extensions"]["code"] == "UPSTREAM_UNAVAILABLE", body
    assert "数据库繁忙" in error["message"]
    assert elapsed < GIVES_UP_WITHIN
    assert (await api.ok(CASE_COUNT, token=APPLICANT))["cases"]["totalCount"] == 0
    events = await Tortoise.get_connection("default").execute_query_dict(
        "SELECT count(*) AS n FROM case_event"
    )
    assert events[0]["n"] == 0


@pytest.mark.parametrize("lock_timeout", [5.0])
async def test_on_sqlite_a_read_then_write_waits_for_a_lock_released_in_time(sqlite_api: Api):
    """A transaction that reads before it writes (registerWebhook reads the newest event id)
    asks for the write lock up front, where SQLite waits for it; after a plain BEGIN it would
    fail at once when it comes to write."""
    path = backend_url("sqlite").removeprefix("sqlite://")
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.2, lambda: other.execute("ROLLBACK"))
    release.start()
    try:
        variables = {"input": {"utility": "WATER", "url": "https://portal.example/hook"}}
        registered = await sqlite_api.ok(REGISTER_WEBHOOK, variables, ADMIN)
    finally:
        release.join()
        other.close()
    assert registered["registerWebhook"]["endpoint"]["url"] == "https://portal.example/hook"


AS_ADMIN = {"Authorization": f"Bearer {ADMIN}"}  # only an admin sees each check


async def test_readyz_is_not_ready_while_the_database_is_locked(http, database):
    async with locked_by_another_connection(database):
        started = time.monotonic()
        locked = await http.get("/readyz", headers=AS_ADMIN)
        elapsed = time.monotonic() - started
    assert locked.status_code == 503, locked.text
    assert locked.json() == {
        "ready": False,
        "checks": {"database": "unavailable", "objectStore": "ok"},
    }
    assert elapsed < GIVES_UP_WITHIN
    released = await http.get("/readyz", headers=AS_ADMIN)
    assert released.status_code == 200, released.text
    assert released.json()["checks"]["database"] == "ok"


async def test_a_statement_past_the_statement_timeout_is_cut_short_on_postgres(monkeypatch):
    url = backend_url("postgres")  # skips without PostgreSQL
    monkeypatch.setenv("HUB_DATABASE_STATEMENT_TIMEOUT_SECONDS", "0.5")
    get_settings.cache_clear()
    await db.init(url)
    try:
        started = time.monotonic()
        with pytest.raises(Exception) as caught:
            await Tortoise.get_connection("default").execute_query("SELECT pg_sleep(5)")
        elapsed = time.monotonic() - started
    finally:
        await db.close()
    assert elapsed < GIVES_UP_WITHIN
    assert db.is_database_busy(caught.value), repr(caught.value)


def test_the_connections_carry_the_timeouts_of_the_settings(monkeypatch):
    monkeypatch.setenv("HUB_DATABASE_STATEMENT_TIMEOUT_SECONDS", "1")
    get_settings.cache_clear()
    sqlite = db.tortoise_config("sqlite:///tmp/hub.sqlite3")["connections"]["default"]
    assert sqlite["credentials"]["busy_timeout"] == 300
    postgres = db.tortoise_config("postgres://hub@db:5432/hub")["connections"]["default"]
    assert postgres["credentials"]["server_settings"] == {
        "lock_timeout": "300",
        "statement_timeout": "1000",
        "max_parallel_workers_per_gather": "0",
    }
    migrating = db.tortoise_config("postgres://hub@db:5432/hub", statement_timeout=False)
    assert migrating["connections"]["default"]["credentials"]["server_settings"] == {
        "lock_timeout": "300",
        "statement_timeout": "0",
        "max_parallel_workers_per_gather": "0",
    }
