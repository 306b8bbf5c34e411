"""Rendered page statements, kept by everything that decides them.

A Tortoise queryset is built and rendered anew for every read: for a `cases` page about a
tenth of the request's CPU. A list asked for again with the same caller, filters, ordering and
window (a worklist polled, a console's first page) runs the statement rendered the first time,
with its parameters: the key must determine the statement wholly, so nothing that depends on
the moment (an `overdue` filter) may be part of one.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from tortoise.queryset import ValuesListQuery

# Past this many, the kept statements are dropped and kept anew (a few KB each).
KEPT_STATEMENTS = 512


@dataclass(frozen=True, slots=True)
class PageStatement:
    model: Any  # the queried model: its connection is looked up at each run (transactions)
    sql: str
    params: tuple
    columns: tuple[tuple[str, Callable[[Any], Any]], ...]  # (result column, to Python value)

    @classmethod
    def of(cls, query: ValuesListQuery) -> PageStatement:
        query.sql()  # chooses the connection and makes the pypika query
        sql, params = query.query.get_parameterized_sql()
        columns = tuple(
            (column, query.resolve_to_python_value(query.model, name))
            for column, name in query.fields.items()
        )
        return cls(query.model, sql, tuple(params), columns)

    async def rows(self) -> list[tuple]:
        """The rows as `values_list` gives them."""
        _, records = await self.model._meta.db.execute_query(self.sql, list(self.params))
        columns = self.columns
        return [tuple(convert(record[column]) for column, convert in columns) for record in records]


_kept: dict[Hashable, PageStatement] = {}


def kept_statement(key: Hashable, render: Callable[[], ValuesListQuery]) -> PageStatement:
    statement = _kept.get(key)
    if statement is None:
        if len(_kept) >= KEPT_STATEMENTS:
            _kept.clear()
        statement = _kept[key] = PageStatement.of(render())
    return statement
