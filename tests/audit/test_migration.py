"""Migration 0011 chains the entries written before it (licence pulls, download addresses), so
an upgraded hub verifies from its first entry on."""

from __future__ import annotations

import pytest
from tortoise import Tortoise
from tortoise.migrations.api.migrate import migrate as run_migrations

from hub import db
from hub.audit import chain
from hub.models import AuditEntry
from tests.conftest import _STORAGE

BEFORE = "models.0009_keyset_indexes"


@pytest.fixture
async def upgraded_database():
    url = f"sqlite://{_STORAGE / 'before-0011.sqlite3'}"
    await run_migrations(config=db.tortoise_config(url, statement_timeout=False), target=BEFORE)
    connection = Tortoise.get_connection("default")
    for n, outcome in enumerate(("OK", "LICENCE_MISMATCH", "OK"), start=1):
        await connection.execute_script(
            "INSERT INTO audit_entry (at, actor, role, action, subject, details) VALUES "
            f"('2026-06-0{n} 02:00:00.123456+00:00', 'window-li', 'window', 'LICENCE_PULL', "
            f'\'ID_CARD\', \'{{"outcome": "{outcome}", "reused": false}}\')'
        )
    await Tortoise.close_connections()
    await db.migrate(url)
    await db.init(url)
    yield
    await db.close()
    (_STORAGE / "before-0011.sqlite3").unlink()


async def test_entries_kept_before_the_chain_join_it(upgraded_database):
    entries = await AuditEntry.all().order_by("seq")
    assert [(e.seq, e.outcome) for e in entries] == [(1, "OK"), (2, "LICENCE_MISMATCH"), (3, "OK")]
    assert entries[0].previous_hash == chain.GENESIS
    result = await chain.verify()
    assert (result.intact, result.verified) == (True, 3)
