"""Tortoise's asyncpg engine, with the statements of a case search planned for their values.

asyncpg keeps each statement prepared per connection, and after five runs PostgreSQL may plan a
prepared statement once for any values (a generic plan). That suits the hub's statements, whose
best plan does not depend on the values, and saves planning them again. A search's does:
whether the text is in every case or in none decides between walking the page's order index
and reading the few matches first, and a generic plan, which guesses at the text and at the
page size, walked all 100,000 cases for a text in none (50 ms instead of 17). So a statement
that reads the search texts (hub/cases/search.py) is prepared anew for each run, which costs
one round trip and is always planned for its values. Named as the `engine` in hub/db.py.
"""

from __future__ import annotations

from tortoise.backends.asyncpg.client import AsyncpgDBClient, TransactionWrapper
from tortoise.backends.base.client import TransactionContext, TransactionContextPooled
from tortoise.backends.base_postgres.client import translate_exceptions

#: What marks a statement whose plan depends on its values.
PLANNED_PER_RUN = '"case_search_text"'


class PlannedForTheirValues:
    async def execute_query(self, query: str, values: list | None = None):
        if PLANNED_PER_RUN not in query:
            return await super().execute_query(query, values)
        rows = await self._fetch_planned_now(query, values)
        return len(rows), rows

    async def execute_query_dict(self, query: str, values: list | None = None):
        if PLANNED_PER_RUN not in query:
            return await super().execute_query_dict(query, values)
        return [dict(row) for row in await self._fetch_planned_now(query, values)]

    @translate_exceptions
    async def _fetch_planned_now(self, query: str, values: list | None) -> list:
        async with self.acquire_connection() as connection:
            self.log.debug("%s: %s", query, values)
            statement = await connection.prepare(query)
            return await statement.fetch(*(values or ()))


class HubTransactionWrapper(PlannedForTheirValues, TransactionWrapper):
    pass


class HubPostgresClient(PlannedForTheirValues, AsyncpgDBClient):
    def _in_transaction(self) -> TransactionContext:
        return TransactionContextPooled(HubTransactionWrapper(self), self._pool_init_lock)


client_class = HubPostgresClient
