"""A PostgreSQL connection goes back to the pool without asyncpg's reset statements (a round
trip per SQL statement, as Tortoise releases after each one outside a transaction), and nothing
needed them: no advisory lock outlives its transaction (hub.db.keep_session_state)."""

from __future__ import annotations

import asyncio

import asyncpg
from tortoise import Tortoise, connections

from hub import db
from tests.api import token_for
from tests.conftest import backend_url
from tests.factories import accepted_case

# Advisory locks held by this database's idle sessions (the pooled connections between
# requests); other databases of the server are other people's.
IDLE_SESSIONS_ADVISORY_LOCKS = """
SELECT count(*) AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'advisory' AND a.datname = current_database() AND a.state = 'idle'
"""
RESET = ("pg_advisory_unlock_all", "CLOSE ALL", "UNLISTEN", "RESET ALL")

CASE_DETAIL = """query($id: ID!) { case(id: $id) { id caseNo status
  applicant { name contactPhone } project { name } checklist { requirementCode satisfied }
  materials { id filename } documents { kind status }
  tickets { utility status result { outcome } }
  events(first: 50) { totalCount edges { node { type } } } } }"""


def resets(statements: list[str]) -> list[str]:
    return [s for s in statements if any(part in s for part in RESET)]


async def sent_by(statements: list[str], request) -> list[str]:
    """The statements the connections sent while `request` ran (loggers run on the loop)."""
    statements.clear()
    await request
    await asyncio.sleep(0.05)
    return list(statements)


async def log_into(statements: list[str]):
    async def log_statements(connection: asyncpg.Connection) -> None:
        connection.add_query_logger(lambda query: statements.append(query.query))

    return log_statements


async def test_requests_send_no_reset_and_leave_no_advisory_lock(postgres_api):
    url = backend_url("postgres")
    statements: list[str] = []
    # The hub's own configuration, and a hook that logs what every pooled connection sends.
    await db.close()
    config = db.tortoise_config(url)
    config["connections"]["default"]["credentials"]["init"] = await log_into(statements)
    await Tortoise.init(config=config, _enable_global_fallback=True)

    writes = await sent_by(statements, accepted_case(postgres_api))  # takes the event lock
    assert any("pg_advisory_xact_lock" in s for s in writes)
    assert resets(writes) == []
    case_id = (
        await Tortoise.get_connection("default").execute_query_dict('SELECT id FROM "case"')
    )[0]["id"]

    reads = await sent_by(
        statements, postgres_api.ok(CASE_DETAIL, {"id": str(case_id)}, token_for("window"))
    )
    assert sum(s.lstrip().upper().startswith("SELECT") for s in reads) >= 5
    assert resets(reads) == []

    held = await connections.get("default").execute_query_dict(IDLE_SESSIONS_ADVISORY_LOCKS)
    assert held[0]["n"] == 0


async def test_the_hook_sees_the_reset_of_a_default_pool(postgres_api):
    """The logging hook above would see asyncpg's default reset: what the hub's pool avoids."""
    statements: list[str] = []
    dsn = backend_url("postgres").replace("postgres://", "postgresql://", 1)
    pool = await asyncpg.create_pool(dsn, min_size=1, max_size=1, init=await log_into(statements))
    try:
        async with pool.acquire() as connection:
            await connection.fetchval("SELECT 1")
        await asyncio.sleep(0.05)
    finally:
        await pool.close()
    assert resets(statements) != []
