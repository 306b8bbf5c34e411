"""One generic connection for every list: `Connection[Case]` is the schema's CaseConnection."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

import strawberry

from hub.paging import Page

Node = TypeVar("Node")


@strawberry.type(description="本页之后是否还有数据。Where this page ends.")
class PageInfo:
    has_next_page: bool = strawberry.field(
        description="之后是否还有数据。Whether more rows follow this page."
    )
    end_cursor: str | None = strawberry.field(
        description="本页最后一项的游标，作为下一页的 after；空页为 null。The last row's cursor, "
        "to pass as `after` for the next page; null for an empty page."
    )


@strawberry.type(description="列表中的一项及其游标。One row of a list, with its cursor.")
class Edge(Generic[Node]):
    cursor: str = strawberry.field(
        description="不透明的键集游标：其后的分页不会因新增或删除的行而重复或遗漏。An opaque "
        "keyset cursor: pages after it neither repeat nor skip rows when rows come or go."
    )
    node: Node = strawberry.field(description="这一项。The row itself.")


async def _total_count(root: Connection) -> int:
    return await root.page.total()  # counted only when a query selects it


@strawberry.type(
    description="列表的一页，按游标分页；first 最多 100，默认值见各字段（多为 20）。One page of "
    "a list, with keyset cursors; `first` is at most 100, its default the field's (mostly 20)."
)
class Connection(Generic[Node]):
    total_count: int = strawberry.field(
        resolver=_total_count,
        description="符合条件的总数（不只本页）。How many rows match in all, not only on this "
        "page.",
    )
    edges: list[Edge[Node]] = strawberry.field(description="本页各项。This page's rows.")
    page_info: PageInfo = strawberry.field(description="分页信息。Where this page ends.")
    page: strawberry.Private[Page]

    @classmethod
    def of(cls, page: Page, node: Callable[[object], Node]) -> Connection[Node]:
        """The page's rows as nodes, each with its row's keyset cursor."""
        return cls(
            edges=[
                Edge(cursor=cursor, node=node(row))
                for row, cursor in zip(page.rows, page.cursors, strict=True)
            ],
            page_info=PageInfo(has_next_page=page.has_next, end_cursor=page.end_cursor),
            page=page,
        )
