"""One generic connection for every list: `Connection[Case]` is the schema's CaseConnection."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

import strawberry

from hub.paging import Page

Node = TypeVar("Node")


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class Edge(Generic[Node]):
    cursor: str
    node: Node


@strawberry.type
class Connection(Generic[Node]):
    total_count: int
    edges: list[Edge[Node]]
    page_info: PageInfo

    @classmethod
    def of(cls, page: Page, node: Callable[[object], Node]) -> Connection[Node]:
        """The page's rows as nodes, each with its row's keyset cursor."""
        return cls(
            total_count=page.total,
            edges=[
                Edge(cursor=cursor, node=node(row))
                for row, cursor in zip(page.rows, page.cursors, strict=True)
            ],
            page_info=PageInfo(has_next_page=page.has_next, end_cursor=page.end_cursor),
        )
