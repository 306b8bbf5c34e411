"""Connections (cursor pagination) shared by every list."""

from __future__ import annotations

import base64

import strawberry

from hub.errors import BadUserInput

DEFAULT_PAGE, MAX_PAGE = 20, 100


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode()


def decode_cursor(cursor: str | None) -> int:
    """The offset after the cursor's item: 0 without a cursor."""
    if cursor is None:
        return 0
    try:
        kind, _, number = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
        if kind == "o" and number.isdigit():
            return int(number) + 1
    except (ValueError, UnicodeDecodeError):
        pass
    raise BadUserInput.one("after", "分页游标无效 (invalid cursor)")


def page_window(first: int | None, after: str | None) -> tuple[int, int]:
    """(offset, limit) from connection arguments."""
    size = DEFAULT_PAGE if first is None else first
    if not 0 <= size <= MAX_PAGE:
        raise BadUserInput.one("first", f"须在 0 到 {MAX_PAGE} 之间 (between 0 and {MAX_PAGE})")
    return decode_cursor(after), size


async def paginate(query, *, first, after, order_by, edge, connection, node):
    """One page of a Tortoise query as a connection: `edge(cursor=, node=)` per row,
    `connection(total_count=, edges=, page_info=)` around them."""
    offset, limit = page_window(first, after)
    total = await query.count()
    rows = await query.order_by(*order_by).offset(offset).limit(limit)
    edges = [edge(cursor=encode_cursor(offset + i), node=node(row)) for i, row in enumerate(rows)]
    return connection(
        total_count=total,
        edges=edges,
        page_info=PageInfo(
            has_next_page=offset + len(rows) < total,
            end_cursor=edges[-1].cursor if edges else None,
        ),
    )
