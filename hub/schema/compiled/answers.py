"""Compiled case selections, cached per query, and their answers for a list of cases."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from uuid import UUID

import orjson
from graphql import FieldNode
from strawberry.types import Info

from hub.auth.visibility import SEE_EVERY_CASE, parse_id
from hub.guide.catalogue import requirements_for
from hub.json_text import JSONText
from hub.materials.checklist import build_checklist
from hub.models import Case as CaseRow
from hub.schema.compiled.compiler import CompiledCase, NotCompilable, compile_case
from hub.schema.compiled.precompleted import Precompleted
from hub.settings import get_settings

# Keyed by the id of the field node whose selection is compiled, holding the node: the parsed
# document is cached (strawberry's ParserCache), so its nodes are the same objects from one
# request to the next, and a held node's id cannot be reused by another. The time zone the
# date-times were written in and the database's dialect are kept too (a test may change them).
_compiled: dict[int, tuple[FieldNode, tuple[str, str], CompiledCase | None]] = {}
CACHE_SIZE = 1024

# Off: every selection goes the resolvers' way (the reference tests compare the two with).
enabled = True


def compiled_case_selection(info: Info, *path: str) -> CompiledCase | None:
    """The compiled form of the Case selected at `path` below the field being resolved
    (`case`: none; `cases`: "edges", "node"), or None when the resolvers must answer: a caller
    who does not see every case unmasked, or a selection with anything the statement does not
    answer exactly."""
    if not enabled or info.context.principal.role not in SEE_EVERY_CASE:
        return None
    raw = info._raw_info
    node = _only_field(raw.field_nodes, path)
    if node is None:
        return None
    written_for = (get_settings().timezone, CaseRow._meta.db.capabilities.dialect)
    cached = _compiled.get(id(node))
    if cached is not None and cached[0] is node and cached[1] == written_for:
        return cached[2]
    try:
        compiled: CompiledCase | None = compile_case(
            node.selection_set, raw.fragments, *written_for
        )
    except NotCompilable:
        compiled = None
    if len(_compiled) >= CACHE_SIZE:
        _compiled.clear()
    _compiled[id(node)] = (node, written_for, compiled)
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


ANSWER = "compiled_answer"  # the attribute of a case row holding its answer, when selected


def answer_columns(compiled: CompiledCase | None) -> dict[str, str] | None:
    """The column to select with a page of cases (hub.paging.fetch_page's `also`)."""
    return None if compiled is None else {ANSWER: compiled.expression}


def answers_of_rows(compiled: CompiledCase, rows: Iterable[CaseRow]) -> dict[UUID, Precompleted]:
    """The answers selected with `rows` (`answer_columns`), by case id."""
    return {row.id: _answer(compiled, getattr(row, ANSWER)) for row in rows}


async def answer_case(compiled: CompiledCase, case_id: str) -> Precompleted | None:
    """The case's answer, or None when there is no such case: for callers who see every case
    (whom alone `compiled_case_selection` compiles for), finding it is that one statement."""
    uid = parse_id(case_id)
    if uid is None:
        return None
    client = CaseRow._meta.db
    ids = [uid] if client.capabilities.dialect == "postgres" else str(uid)
    _, rows = await client.execute_query(compiled.statement, [ids])
    return _answer(compiled, rows[0][1]) if rows else None


def _answer(compiled: CompiledCase, text: str) -> Precompleted:
    """Without a checklist to compute, the answer stays the database's JSON text, which the
    response's encoder splices in (hub/json_text.py)."""
    if not compiled.checklists:
        return Precompleted(JSONText(text))
    answer = orjson.loads(text)
    for key, projection in compiled.checklists:
        answer[key] = _checklist(answer[key], projection)
    return Precompleted(answer)


def _checklist(inputs: Mapping, projection) -> list[dict]:
    entries = build_checklist(
        requirements_for(inputs["utilities"]), ((i, code) for i, code in inputs["materials"])
    )
    return [
        {key: (value(e) if callable(value) else value) for key, value in projection}
        for e in entries
    ]
