"""A page whose nodes all have compiled answers, completed whole when nothing else on it needs
a resolver (edges, cursors and pageInfo only): graphql-core then walks none of its edges."""

from __future__ import annotations

from collections.abc import Callable

from graphql import FieldNode, GraphQLObjectType, SelectionSetNode, get_named_type
from strawberry.types import Info

from hub.paging import Page
from hub.schema.compiled.precompleted import Precompleted


class _NotPlain(Exception):
    pass


def _pick(values: dict, selection_set: SelectionSetNode | None) -> dict:
    """`values` by the selection's response keys; fields only, each once, no arguments."""
    if selection_set is None:
        raise _NotPlain
    picked = {}
    for node in selection_set.selections:
        if not isinstance(node, FieldNode) or node.arguments or node.directives:
            raise _NotPlain
        key = node.alias.value if node.alias else node.name.value
        if key in picked or node.name.value not in values:
            raise _NotPlain
        value = values[node.name.value]
        picked[key] = value(node.selection_set) if callable(value) else value
    return picked


def completed_page(info: Info, page: Page, node: Callable[[object], object]) -> Precompleted | None:
    """The connection of `page` (its nodes `node(row)`) as a `Precompleted` value, or None when
    any of its fields needs a resolver (totalCount) or a node is not compiled. A cursor is
    written only when selected."""
    raw = info._raw_info
    if len(raw.field_nodes) != 1:
        return None
    connection_type = get_named_type(raw.return_type)
    assert isinstance(connection_type, GraphQLObjectType)
    edge_type = get_named_type(connection_type.fields["edges"].type).name

    def edge(index: int, row, selection: SelectionSetNode | None) -> dict:
        answer = node(row)
        if type(answer) is not Precompleted:
            raise _NotPlain
        values = {
            "__typename": edge_type,
            "cursor": lambda _: page.cursor(index),
            "node": answer.value,
        }
        return _pick(values, selection)

    page_values = {
        "__typename": "PageInfo",
        "hasNextPage": page.has_next,
        "endCursor": lambda _: page.end_cursor,
    }
    values = {
        "__typename": connection_type.name,
        "edges": lambda selection: [edge(i, r, selection) for i, r in enumerate(page.rows)],
        "pageInfo": lambda selection: _pick(page_values, selection),
    }
    try:
        return Precompleted(_pick(values, raw.field_nodes[0].selection_set))
    except _NotPlain:
        return None
