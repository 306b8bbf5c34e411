"""Test set-up: every database test runs on SQLite and, when configured, on PostgreSQL.

HUB_TEST_DATABASE_URL points at a PostgreSQL database the suite may wipe; HUB_TEST_REDIS_URL at
a Redis database. Without them those tests skip with the reason shown; with
HUB_TEST_REQUIRE_SERVICES=1 (as .ci/run sets) their absence is a failure instead.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

_STORAGE = Path(tempfile.mkdtemp(prefix="hub-test-storage-"))
os.environ["HUB_STORAGE_DIR"] = str(_STORAGE)
os.environ["HUB_SECRET_KEY"] = "test-secret-key-not-for-production-0123456789"
os.environ["HUB_PUBLIC_URL"] = "http://hub.test"
# PDFs only where a test asks for them (tests/documents): LibreOffice takes seconds per file.
os.environ["HUB_PDF"] = "off"
os.environ["HUB_JOB_RETRY_BASE_SECONDS"] = "0.05"
# The tests' webhook receivers listen on loopback (tests/webhooks checks the refusal too).
os.environ["HUB_WEBHOOK_ALLOW_PRIVATE"] = "true"
# Tests send many requests with one token from one address; tests/ratelimit sets small budgets.
os.environ["HUB_RATE_LIMIT"] = "1000000/minute"
os.environ["HUB_RATE_LIMIT_AUTH_FAILURES"] = "1000000/minute"
for name in ("HUB_DATABASE_URL", "HUB_REDIS_URL", "HUB_S3_ENDPOINT"):
    os.environ.pop(name, None)

import httpx  # noqa: E402
import pytest  # noqa: E402
from tortoise import connections  # noqa: E402
from tortoise.backends.base.executor import EXECUTOR_CACHE  # noqa: E402

from hub import db, models, wiring  # noqa: E402
from hub.app import create_app  # noqa: E402
from hub.jobs import inprocess  # noqa: E402
from hub.sla import calendar_source  # noqa: E402
from tests.api import Api  # noqa: E402

# Tests call services directly too: assemble the hub as the app and the worker do.
wiring.install()

POSTGRES_URL = os.environ.get("HUB_TEST_DATABASE_URL")
REDIS_URL = os.environ.get("HUB_TEST_REDIS_URL")
REQUIRE_SERVICES = os.environ.get("HUB_TEST_REQUIRE_SERVICES") == "1"
KEPT_TABLES = {"requirement", "tortoise_migrations"}
_migrated: set[str] = set()


def backend_url(backend: str) -> str:
    if backend == "sqlite":
        return f"sqlite://{_STORAGE / 'test.sqlite3'}"
    if not POSTGRES_URL:
        reason = "PostgreSQL not configured: set HUB_TEST_DATABASE_URL"
        if REQUIRE_SERVICES:
            pytest.fail(reason)
        pytest.skip(reason)
    return POSTGRES_URL


async def _reset_postgres_schema(url: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    try:
        await conn.execute("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;")
    finally:
        await conn.close()


async def _wipe(backend: str) -> None:
    conn = connections.get("default")
    tables = [
        getattr(models, name)._meta.db_table
        for name in models.__all__
        if getattr(models, name)._meta.db_table not in KEPT_TABLES
    ]
    if backend == "postgres":
        quoted = ", ".join(f'"{t}"' for t in tables)
        await conn.execute_script(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE")
    else:
        await conn.execute_script(
            "PRAGMA foreign_keys = OFF;"
            + "".join(f'DELETE FROM "{t}";' for t in tables)
            + "DELETE FROM sqlite_sequence; PRAGMA foreign_keys = ON;"
        )


def _remove_sqlite_file(url: str) -> None:
    Path(url.removeprefix("sqlite://")).unlink(missing_ok=True)


async def _open_empty_database(backend: str) -> None:
    """Migrated once per run, wiped before each test, and initialised for it."""
    url = backend_url(backend)
    # Tortoise caches INSERT statements per connection name, not per dialect: one process
    # that switches between SQLite and PostgreSQL (only this suite does) must forget them.
    EXECUTOR_CACHE.clear()
    if backend not in _migrated:
        if backend == "postgres":
            await _reset_postgres_schema(url)
        else:
            _remove_sqlite_file(url)
        await db.migrate(url)
        _migrated.add(backend)
    await db.init(url)
    await _wipe(backend)
    calendar_source._calendar = None  # admin schedules of an earlier test must not leak


@pytest.fixture(params=["sqlite", "postgres"])
async def database(request):
    """An initialised, empty, migrated database on each backend; yields the backend name."""
    await _open_empty_database(request.param)
    yield request.param
    await inprocess.drain()  # jobs the test started finish before the next test wipes
    await db.close()


@pytest.fixture
async def sqlite_database():
    """SQLite only, for tests whose behaviour does not depend on the database."""
    await _open_empty_database("sqlite")
    yield "sqlite"
    await inprocess.drain()
    await db.close()


@pytest.fixture
async def http(database):
    app = create_app(manage_database=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as client:
        yield client


@pytest.fixture
async def api(http) -> Api:
    return Api(http)


@pytest.fixture
async def postgres_api() -> Api:
    """`api` on PostgreSQL only, for the tests that race processes against its rows."""
    await _open_empty_database("postgres")  # skips unless HUB_TEST_DATABASE_URL is set
    transport = httpx.ASGITransport(app=create_app(manage_database=False))
    async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as client:
        yield Api(client)
    await inprocess.drain()
    await db.close()


@pytest.fixture
async def served_hub():
    """An empty, migrated PostgreSQL database and a hub serving it on a free loopback port."""
    from tests.served import serve_hub_on_postgres  # imports this module, so not at the top

    async with serve_hub_on_postgres() as hub:
        yield hub


@pytest.fixture
async def sqlite_api(sqlite_database) -> Api:
    """For tests whose answer does not depend on the database (tables of bad input): SQLite
    only; the tests that check what was written run on both backends through `api`."""
    transport = httpx.ASGITransport(app=create_app(manage_database=False))
    async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as client:
        yield Api(client)


@pytest.fixture(scope="session")
def moto_endpoint():
    """`host:port` of one moto S3 server for the session (127.0.0.1, a free port)."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"{host}:{port}"
    finally:
        server.stop()


@pytest.fixture
async def redis_url():
    """An empty Redis database (HUB_TEST_REDIS_URL) for queue and pub/sub tests."""
    if not REDIS_URL:
        reason = "Redis not configured: set HUB_TEST_REDIS_URL"
        if REQUIRE_SERVICES:
            pytest.fail(reason)
        pytest.skip(reason)
    from redis.asyncio import Redis

    client = Redis.from_url(REDIS_URL)
    try:
        await client.flushdb()
        yield REDIS_URL
        await client.flushdb()
    finally:
        await client.aclose()
