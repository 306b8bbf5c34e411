"""Keyset pagination: one page of rows after an opaque cursor, for every connection.

A cursor holds the sort values of its row (the ordering's columns, ending with the primary
key, so the key is unique) and the ordering's name: base64url of JSON
`{"o": "<ordering>", "k": [<values>]}`. The next page starts strictly after those values,
so rows added or removed meanwhile never make a page repeat or skip a row that was there.
Nullable sort columns sort their nulls last in either direction.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
from collections.abc import Awaitable, Callable, Hashable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import Any, Generic, TypeVar
from uuid import UUID

from tortoise.expressions import Case, Q, RawSQL, When
from tortoise.queryset import QuerySet

from hub.errors import BadUserInput
from hub.page_statements import kept_statement

DEFAULT_PAGE, MAX_PAGE = 20, 100
Row = TypeVar("Row")


@dataclass(frozen=True)
class SortKey:
    field: str  # an ORM path: "created_at", "case__case_no"
    kind: type  # datetime, UUID, int, bool or str: how a cursor value is read back
    descending: bool = False
    nullable: bool = False

    def value_of(self, row: Any) -> Any:
        for part in self.field.split("__"):
            row = getattr(row, part)
        return row


@dataclass(frozen=True)
class Ordering:
    name: str  # written into every cursor: a cursor of another ordering is refused
    keys: tuple[SortKey, ...]  # the last one is unique (the primary key)
    related: tuple[str, ...] = ()  # relations a key reads through (select_related)
    #: The cursor is the one key's value as text, not base64 JSON: an event's cursor is its id,
    #: the same value `caseEvents(after:)` takes.
    plain_cursor: bool = False

    def values_of(self, row: Any) -> tuple:
        return tuple(key.value_of(row) for key in self.keys)


@dataclass(frozen=True)
class Window:
    """Validated connection arguments: page size and the decoded `after` cursor."""

    first: int
    after: tuple | None


@dataclass
class Page(Generic[Row]):
    rows: list[Row]
    ordering: Ordering  # the rows' cursors are written when asked for: most lists show none
    has_next: bool
    #: How many rows match in all: an int when known without asking the database, else the
    #: statement that counts them, run by `total()` only when a client selects `totalCount`.
    count: int | Callable[[], Awaitable[int]]

    def cursor(self, index: int) -> str:
        return encode_cursor(self.ordering, self.ordering.values_of(self.rows[index]))

    @cached_property
    def cursors(self) -> list[str]:
        return [self.cursor(i) for i in range(len(self.rows))]

    @property
    def end_cursor(self) -> str | None:
        return self.cursor(-1) if self.rows else None

    _counting: asyncio.Future[int] | None = field(default=None, repr=False)

    async def total(self) -> int:
        if isinstance(self.count, int):
            return self.count
        if self._counting is None:  # one count, however many aliases ask at once
            self._counting = asyncio.ensure_future(self.count())
        return await self._counting


def _to_json(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    return value


def _from_json(value: Any, key: SortKey) -> Any:
    if value is None:
        if not key.nullable:
            raise ValueError("null for a column without nulls")
        return None
    if key.kind is int:
        if type(value) is not int:
            raise ValueError("not an integer")
        return value
    if key.kind is bool:
        if type(value) is not bool:
            raise ValueError("not a boolean")
        return value
    if not isinstance(value, str):
        raise ValueError("not a string")
    if key.kind is datetime:
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError("no offset")
        return moment.astimezone(UTC)  # instants are stored in UTC (compared as text on SQLite)
    if key.kind is UUID:
        return UUID(value)
    return value


def encode_cursor(ordering: Ordering, values: tuple) -> str:
    if ordering.plain_cursor:
        (value,) = values
        return str(value)
    body = {"o": ordering.name, "k": [_to_json(v) for v in values]}
    text = json.dumps(body, separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(ordering: Ordering, cursor: str) -> tuple:
    """The sort values in `cursor`; BAD_USER_INPUT on `after` for anything this ordering did
    not write."""
    try:
        if ordering.plain_cursor:
            (key,) = ordering.keys
            if not cursor.isascii() or not cursor.isdigit():
                raise ValueError("not a number")
            return (key.kind(cursor),)
        padded = cursor + "=" * (-len(cursor) % 4)
        body = json.loads(base64.b64decode(padded.encode("ascii"), altchars=b"-_", validate=True))
        values = body["k"]
        if body["o"] != ordering.name or len(values) != len(ordering.keys):
            raise ValueError("another ordering")
        return tuple(_from_json(v, k) for v, k in zip(values, ordering.keys, strict=True))
    except (ValueError, TypeError, KeyError, UnicodeError, binascii.Error):
        pass
    raise BadUserInput.one("after", "分页游标无效或不属于此排序 (invalid cursor for this ordering)")


def page_window(
    ordering: Ordering, *, first: int | None, after: str | None, default: int = DEFAULT_PAGE
) -> Window:
    size = default if first is None else first
    if not 0 <= size <= MAX_PAGE:
        raise BadUserInput.one("first", f"须在 0 到 {MAX_PAGE} 之间 (between 0 and {MAX_PAGE})")
    return Window(first=size, after=None if after is None else decode_cursor(ordering, after))


def _null_flag(key: SortKey) -> str:
    # No "__" in an annotation's name: order_by would read it as a path through relations.
    return "null_" + key.field.replace("__", "_")


def _after(keys: tuple[SortKey, ...], values: tuple) -> Q:
    """Rows strictly after `values`: (k1 > v1) or (k1 = v1 and (k2 > v2 or ...)), with each
    comparison flipped for a descending key and nulls after every value."""
    condition: Q | None = None
    for key, value in reversed(list(zip(keys, values, strict=True))):
        same = Q(**{f"{key.field}__isnull": True} if value is None else {key.field: value})
        within = same & condition if condition is not None else None
        if value is None:  # after a null, only the rest of the null group follows
            condition = within
            continue
        beyond = Q(**{f"{key.field}__{'lt' if key.descending else 'gt'}": value})
        if key.nullable:
            beyond |= Q(**{f"{key.field}__isnull": True})
        condition = beyond | within if within is not None else beyond
    return condition


def in_order(query: QuerySet, ordering: Ordering) -> QuerySet:
    """`query` sorted by `ordering`, each nullable key preceded by its is-null flag (nulls
    last in either direction, the same on both databases; migration 0021 indexes these
    expressions for the due-time orders)."""
    columns: list[str] = []
    for key in ordering.keys:
        if key.nullable:
            flag = _null_flag(key)
            query = query.annotate(
                **{
                    flag: Case(
                        When(Q(**{f"{key.field}__isnull": True}), then=RawSQL("1")),
                        default=RawSQL("0"),
                    )
                }
            )
            columns.append(flag)
        columns.append(("-" if key.descending else "") + key.field)
    if ordering.related:
        query = query.select_related(*ordering.related)
    return query.order_by(*columns)


def _page(rows: list, ordering: Ordering, window: Window, count) -> Page:
    shown = rows[: window.first]
    has_next = len(rows) > window.first
    if window.after is None and not has_next:
        count = len(shown)  # the first page holds every row: nothing left to count
    return Page(rows=shown, ordering=ordering, has_next=has_next, count=count)


async def fetch_page(
    query: QuerySet,
    ordering: Ordering,
    window: Window,
    count: Callable[[], Awaitable[int]] | None = None,
    also: Mapping[str, str] | None = None,
) -> Page:
    """The page in one statement; the count in another only if `totalCount` is selected and
    the page does not already show every row: `count` when given (a statement that knows the
    answer cheaper), else the count of `query`. `also`: attribute name → SQL expression over
    the row, selected with the page's rows and set on them; the rows are then only their sort
    keys and those values (`SelectedValues`, unless a key is read through a relation): `also`
    answers for them."""
    paged = _page_query(query, ordering, window, also)
    if also and not ordering.related:
        names = _selected_names(ordering, also)
        rows = _selected_values(names, await paged.values_list(*names))
    else:
        rows = await paged
    return _page(rows, ordering, window, count or (lambda: query.count()))


async def fetch_recurring_page(
    key: Hashable,
    query: Callable[[], QuerySet],
    ordering: Ordering,
    window: Window,
    also: Mapping[str, str],
    count: Callable[[], Awaitable[int]] | None = None,
) -> Page:
    """fetch_page with `also` for a page that `key` determines wholly (the caller, the
    filters' values, `ordering`, `window`, `also`): its statement is rendered once
    (hub.page_statements). `query` makes the filtered query when needed."""
    if ordering.related:
        return await fetch_page(query(), ordering, window, count, also)
    names = _selected_names(ordering, also)
    statement = kept_statement(
        (key, ordering, window, tuple(also.items())),
        lambda: _page_query(query(), ordering, window, also).values_list(*names),
    )
    rows = _selected_values(names, await statement.rows())
    return _page(rows, ordering, window, count or (lambda: query().count()))


def _page_query(
    query: QuerySet, ordering: Ordering, window: Window, also: Mapping[str, str] | None
) -> QuerySet:
    if window.after is not None:
        query = query.filter(_after(ordering.keys, window.after))
    if also:
        query = query.annotate(**{name: RawSQL(sql) for name, sql in also.items()})
    return in_order(query, ordering).limit(window.first + 1)


def _selected_names(ordering: Ordering, also: Mapping[str, str]) -> tuple[str, ...]:
    return (*dict.fromkeys(key.field for key in ordering.keys), *also)


def _selected_values(names: tuple[str, ...], selected: list[tuple]) -> list[SelectedValues]:
    return [SelectedValues(zip(names, values, strict=True)) for values in selected]


class SelectedValues(dict):
    """A page's row read as the values `fetch_page` selected (no model instance to make)."""

    __getattr__ = dict.__getitem__


def _follows(values: tuple, cursor: tuple, keys: tuple[SortKey, ...]) -> bool:
    for key, mine, theirs in zip(keys, values, cursor, strict=True):
        if mine == theirs:
            continue
        if mine is None or theirs is None:
            return mine is None  # nulls last
        return mine < theirs if key.descending else mine > theirs
    return False


def page_of_sorted(rows: list, ordering: Ordering, window: Window) -> Page:
    """The same page from every row of a list already sorted by `ordering` (for DataLoaders
    that fetch several small lists in one statement)."""
    after = window.after
    following = (
        rows
        if after is None
        else [r for r in rows if _follows(ordering.values_of(r), after, ordering.keys)]
    )
    return _page(following[: window.first + 1], ordering, window, len(rows))
