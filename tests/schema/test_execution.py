"""The hub's execution context (hub/schema/execution.py) answers exactly as graphql-core's does:
the same data and the same errors, for the hub's real types and for the edge cases of the
plain-field shortcut; and extensions' `resolve` hooks see root fields only."""

from __future__ import annotations

from typing import ClassVar

import strawberry
from graphql import (
    GraphQLObjectType,
    GraphQLSchema,
    get_named_type,
    is_leaf_type,
    is_required_argument,
)
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from hub.jobs import inprocess
from hub.resolvers.schema import schema as hub_schema
from hub.schema.execution import HubExecutionContext
from hub.schema.operation_audit import OperationAuditing
from tests.factories import ADMIN, APPLICANT, LIAISON, UTILITY, WINDOW, accepted_case

SKIPPED = {"downloadUrl"}  # issues an audited address: not a read to repeat


def selection(schema: GraphQLSchema, type_name: str, depth: int, seen: tuple = ()) -> str:
    """Every field of the type that needs no argument, objects down to `depth`."""
    graphql_type = schema.type_map[type_name]
    assert isinstance(graphql_type, GraphQLObjectType)
    parts = []
    for name, field in graphql_type.fields.items():
        if name in SKIPPED or any(is_required_argument(a) for a in field.args.values()):
            continue
        named = get_named_type(field.type)
        if is_leaf_type(named):
            parts.append(name)
        elif isinstance(named, GraphQLObjectType) and depth > 0 and named.name not in seen:
            inner = selection(schema, named.name, depth - 1, (*seen, type_name))
            if inner:
                parts.append(f"{name} {{ {inner} }}")
    return " ".join(parts)


async def answers_of_both(api, query, variables, token):
    """(hub's answer, graphql-core's answer) to the same request."""
    hub = await api.raw(query, variables, token)
    hub_schema.execution_context_class = StrawberryGraphQLCoreExecutionContext
    try:
        core = await api.raw(query, variables, token)
    finally:
        hub_schema.execution_context_class = HubExecutionContext
    return hub, core


async def test_a_case_reads_the_same_for_every_role(api):
    case = await accepted_case(api, ("WATER", "POWER", "GAS"))
    await inprocess.drain()  # the notices rendered: both answers see the same documents
    fields = selection(hub_schema._schema, "Case", depth=2)
    query = f"query($id: ID!) {{ case(id: $id) {{ {fields} }} }}"
    for token in (WINDOW, ADMIN, APPLICANT, UTILITY["POWER"], LIAISON):
        hub, core = await answers_of_both(api, query, {"id": case["id"]}, token)
        assert hub == core
    assert hub["data"] == {"case": None}  # the liaison: no inquiry names it
    hub, _ = await answers_of_both(api, query, {"id": case["id"]}, UTILITY["POWER"])
    assert hub["data"]["case"]["applicant"]["agentIdNumber"].count("*") == 8
    assert {t["utility"] for t in hub["data"]["case"]["tickets"]} == {"WATER", "POWER", "GAS"}


async def test_lists_read_the_same(api):
    await accepted_case(api)
    await inprocess.drain()
    fields = selection(hub_schema._schema, "Case", depth=1)
    query = f"{{ cases(first: 5) {{ totalCount edges {{ cursor node {{ {fields} }} }} }} }}"
    hub, core = await answers_of_both(api, query, None, WINDOW)
    assert hub == core and hub["data"]["cases"]["totalCount"] == 1


# --- the shortcut's edge cases, on a schema of their own -------------------------------------


@strawberry.type
class Thing:
    name: str
    count: int
    tags: list[str]
    nickname: str | None


@strawberry.type
class Query:
    @strawberry.field
    def things(self) -> list[Thing | None]:
        return [
            Thing(name="a", count=1, tags=["x", "y"], nickname=None),
            Thing(name=None, count=2, tags=["z"], nickname="n"),  # null where forbidden
            Thing(name="c", count="many", tags=["w"], nickname=None),  # not an Int
            Thing(name="d", count=4, tags=["v", None], nickname=None),  # null in a list
        ]


class Counting(HubExecutionContext):
    full_path: ClassVar[list[str]] = []

    def build_resolve_info(self, field_def, field_nodes, parent_type, path):
        Counting.full_path.append(field_nodes[0].name.value)
        return super().build_resolve_info(field_def, field_nodes, parent_type, path)


def test_edge_cases_answer_as_graphql_core_does():
    query = "{ things { name count tags nickname } }"
    hub = strawberry.Schema(query=Query, execution_context_class=Counting).execute_sync(query)
    core = strawberry.Schema(query=Query).execute_sync(query)
    assert hub.data == core.data
    assert [(e.message, e.path) for e in hub.errors] == [(e.message, e.path) for e in core.errors]
    assert len(hub.errors) == 3
    # Only the root and the fields that went wrong took graphql-core's full path.
    assert sorted(Counting.full_path) == ["count", "name", "tags", "things"]


class Recording(SchemaExtension):
    seen: ClassVar[list[str]] = []

    def resolve(self, _next, root, info, *args, **kwargs):
        Recording.seen.append(info.field_name)
        return _next(root, info, *args, **kwargs)


def test_resolve_hooks_see_root_fields_only():
    hub = strawberry.Schema(
        query=Query, extensions=[Recording], execution_context_class=HubExecutionContext
    )
    hub.execute_sync("{ things { count } again: things { tags } }")
    assert Recording.seen == ["things", "things"]


def test_only_the_operation_audit_has_a_resolve_hook():
    """A new extension with a `resolve` hook would see root fields only: decide it here."""
    hooked = {
        type(e)
        for e in hub_schema.get_extensions()
        if type(e).resolve is not SchemaExtension.resolve
    }
    assert hooked == {OperationAuditing}
