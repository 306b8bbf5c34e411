"""Tortoise's SQLite engine, with transactions that take the write lock when they begin, and
the `hub_iso8601` function of the compiled case reads (hub/schema/compiled/dialects.py).

A plain (deferred) BEGIN reads first and asks for the write lock at its first write; if another
connection holds it then, SQLite answers "database is locked" at once, without waiting for
busy_timeout (it cannot wait: the reader's snapshot would go stale). BEGIN IMMEDIATE asks for
the lock up front, where busy_timeout applies. Named as the `engine` in hub/db.py's config.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from functools import cache
from zoneinfo import ZoneInfo

from tortoise.backends.sqlite.client import (
    SqliteClient,
    SqliteTransactionContext,
    SqliteTransactionWrapper,
    translate_exceptions,
)
from tortoise.connection import get_connections
from tortoise.exceptions import OperationalError


class StatementRowCount:
    """The rows a statement itself changed (sqlite3_changes), as PostgreSQL reports them.
    Tortoise counts the growth of `total_changes`, which adds every row the statement's
    triggers wrote (migration 0021's ticket tally): an optimistic `UPDATE ... WHERE version`
    of one ticket would report 7 rows and look like a lost race."""

    @translate_exceptions
    async def execute_query(self, query: str, values: list | None = None):
        query = query.replace("\x00", "'||CHAR(0)||'")
        async with self.acquire_connection() as connection:
            self.log.debug("%s: %s", query, values)
            if query.startswith("SELECT"):  # one trip to the connection's thread, not three
                rows = await connection.execute_fetchall(query, values)
                return len(rows), rows
            cursor = await connection.execute(query, values)
            try:
                rows = await cursor.fetchall()  # a RETURNING statement counts once read
                changed = cursor.rowcount
            finally:
                await cursor.close()
            return max(changed, 0) or len(rows), rows


class ImmediateTransactionWrapper(StatementRowCount, SqliteTransactionWrapper):
    async def begin(self) -> None:
        try:
            await self._connection.commit()
            await self._connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:  # busy past busy_timeout: not a usage error
            raise OperationalError(exc) from exc


class ImmediateTransactionContext(SqliteTransactionContext):
    async def __aenter__(self):
        # Tortoise's own context keeps its lock (and the whole connection) when BEGIN fails.
        await self._trxlock.acquire()
        try:
            await self.ensure_connection()
            self.token = get_connections().set(self.connection_name, self.connection)
            try:
                await self.connection.begin()
            except BaseException:
                get_connections().reset(self.token)
                raise
        except BaseException:
            self._trxlock.release()
            raise
        return self.connection


def hub_iso8601(stored: str | None, zone: str) -> str | None:
    """A date-time as SQLite holds it (Tortoise's ISO text, UTC) written as the DateTime scalar
    writes it: in `zone`, microseconds only when there are any."""
    if stored is None:
        return None
    moment = datetime.fromisoformat(stored)
    if moment.tzinfo is None:  # as Tortoise reads a naive one back: UTC
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(_zone(zone)).isoformat()


@cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


class ImmediateSqliteClient(StatementRowCount, SqliteClient):
    async def create_connection(self, with_db: bool) -> None:
        await super().create_connection(with_db)
        if self._connection:  # the compiled case reads write date-times with it
            await self._connection.create_function(
                "hub_iso8601", 2, hub_iso8601, deterministic=True
            )

    def _in_transaction(self) -> SqliteTransactionContext:
        return ImmediateTransactionContext(ImmediateTransactionWrapper(self), self._lock)


client_class = ImmediateSqliteClient
