"""Tortoise's SQLite engine, with transactions that take the write lock when they begin.

A plain (deferred) BEGIN reads first and asks for the write lock at its first write; if another
connection holds it then, SQLite answers "database is locked" at once, without waiting for
busy_timeout (it cannot wait: the reader's snapshot would go stale). BEGIN IMMEDIATE asks for
the lock up front, where busy_timeout applies. Named as the `engine` in hub/db.py's config.
"""

from __future__ import annotations

import sqlite3

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


class ImmediateSqliteClient(StatementRowCount, SqliteClient):
    def _in_transaction(self) -> SqliteTransactionContext:
        return ImmediateTransactionContext(ImmediateTransactionWrapper(self), self._lock)


client_class = ImmediateSqliteClient
