"""Compiled case selections, cached per query, and their answers for a list of cases."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from uuid import UUID

from graphql import FieldNode
from strawberry.types import Info

from hub.auth.visibility import SEE_EVERY_CASE
from hub.guide.catalogue import requirements_for
from hub.materials.checklist import build_checklist
from hub.models import Case as CaseRow
from hub.schema.compiled.compiler import CompiledCase, NotCompilable, compile_case
from hub.schema.compiled.precompleted import Precompleted

# Keyed by the id of the field node whose selection is compiled, holding the node: the parsed
# document is cached (strawberry's ParserCache), so its nodes are the same objects from one
# request to the next, and a held node's id cannot be reused by another.
_compiled: dict[int, tuple[FieldNode, CompiledCase | None]] = {}
CACHE_SIZE = 1024

# Off: every selection goes the resolvers' way (the reference tests compare the two with).
enabled = True


def compiled_case_selection(info: Info, *path: str) -> CompiledCase | None:
    """The compiled form of the Case selected at `path` below the field being resolved
    (`case`: none; `cases`: "edges", "node"), or None when the resolvers must answer: a caller
    who does not see every case unmasked, a database other than PostgreSQL, or a selection with
    anything the statement does not answer exactly."""
    if not enabled or info.context.principal.role not in SEE_EVERY_CASE:
        return None
    if CaseRow._meta.db.capabilities.dialect != "postgres":
        return None
    raw = info._raw_info
    node = _only_field(raw.field_nodes, path)
    if node is None:
        return None
    cached = _compiled.get(id(node))
    if cached is not None and cached[0] is node:
        return cached[1]
    try:
        compiled: CompiledCase | None = compile_case(node.selection_set, raw.fragments)
    except NotCompilable:
        compiled = None
    if len(_compiled) >= CACHE_SIZE:
        _compiled.clear()
    _compiled[id(node)] = (node, compiled)
    return compiled


def _only_field(field_nodes: list[FieldNode], path: tuple[str, ...]) -> FieldNode | None:
    """The one field node at `path`: each step a plain field (no alias, arguments, directives
    or fragments around it) selected once."""
    if len(field_nodes) != 1:
        return None
    node = field_nodes[0]
    for name in path:
        if node.selection_set is None:
            return None
        selections = node.selection_set.selections
        if not all(isinstance(s, FieldNode) for s in selections):
            return None
        found = [s for s in selections if s.name.value == name]
        if len(found) != 1 or found[0].alias or found[0].arguments or found[0].directives:
            return None
        node = found[0]
    return node


async def answer_cases(compiled: CompiledCase, case_ids: Iterable[UUID]) -> dict[UUID, object]:
    """The compiled answer of each case, by id, as `Precompleted` values; one statement."""
    _, rows = await CaseRow._meta.db.execute_query(compiled.statement, [list(case_ids)])
    answers: dict[UUID, object] = {}
    for case_id, text in rows:
        answer = json.loads(text)
        for key, projection in compiled.checklists:
            answer[key] = _checklist(answer[key], projection)
        answers[case_id] = Precompleted(answer)
    return answers


def _checklist(inputs: Mapping, projection) -> list[dict]:
    entries = build_checklist(
        requirements_for(inputs["utilities"]), ((i, code) for i, code in inputs["materials"])
    )
    return [
        {key: (value(e) if callable(value) else value) for key, value in projection}
        for e in entries
    ]
