"""A Case selection compiled to one SQL expression building its answer as JSON (PostgreSQL's or
SQLite's: hub/schema/compiled/dialects.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import count

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    SelectionSetNode,
)

from hub.schema.compiled.dialects import DIALECTS, Postgres, Sqlite
from hub.schema.compiled.shapes import (
    CHECKLIST_ITEM,
    SHAPES,
    Checklist,
    Column,
    Moment,
    Related,
)

# The case row is the table itself, unaliased: the expression can join any query of cases;
# every other table the expression reads has an alias of its own (c1, c2, …).
ROOT = '"case"'

ChecklistProjection = tuple[tuple[str, Callable | str], ...]


class NotCompilable(Exception):
    """The selection has something the compiled statement does not answer exactly."""


@dataclass(frozen=True)
class CompiledCase:
    """`expression` is a case's answer as JSON text, over the row of the table "case" (a column
    to add to any statement selecting cases); `statement` answers as (id, JSON text) rows the
    cases whose ids are its one parameter (PostgreSQL: an array; SQLite: one id). The keys
    listed in `checklists` hold the checklist's inputs, to be replaced by the items projected
    so."""

    expression: str
    statement: str
    checklists: tuple[tuple[str, ChecklistProjection], ...] = ()


@dataclass
class _Compilation:
    fragments: Mapping[str, FragmentDefinitionNode]
    zone: str
    dialect: Postgres | Sqlite
    aliases: Iterator[int] = field(default_factory=lambda: count(1))
    checklists: list[tuple[str, ChecklistProjection]] = field(default_factory=list)

    def object(self, type_name: str, selection_set: SelectionSetNode | None, me: str, up: str):
        if selection_set is None:
            raise NotCompilable("an object without a selection")
        shapes = SHAPES[type_name]
        pairs: list[str] = []
        for key, node in self._fields(type_name, selection_set):
            name = node.name.value
            if node.arguments or node.directives:
                raise NotCompilable(f"{type_name}.{name} has arguments or directives")
            if name == "__typename":
                pairs.append(f"'{key}', '{type_name}'")
                continue
            shape = shapes.get(name)
            if isinstance(shape, Column) and node.selection_set is None:
                column = self.dialect.column(shape.sql.format(self=me, parent=up), shape.kind)
                pairs.append(f"'{key}', {column}")
            elif isinstance(shape, Moment) and node.selection_set is None:
                instant = shape.sql.format(self=me, parent=up)
                pairs.append(f"'{key}', {self.dialect.moment(instant, self.zone)}")
            elif isinstance(shape, Related):
                pairs.append(f"'{key}', {self.related(shape, node.selection_set, me)}")
            elif isinstance(shape, Checklist) and type_name == "Case":
                self.checklists.append((key, _checklist_projection(node.selection_set)))
                pairs.append(f"'{key}', {self.checklist_inputs(me)}")
            else:
                raise NotCompilable(f"{type_name}.{name} is not compiled")
        if len(pairs) > self.dialect.max_keys:
            raise NotCompilable("too many fields for one JSON object")
        return self.dialect.object(pairs)

    def related(self, shape: Related, selection_set: SelectionSetNode | None, up: str) -> str:
        me = f"c{next(self.aliases)}"
        inner = self.object(shape.type_name, selection_set, me, up)
        source = shape.source.format(self=me, parent=up)
        if not shape.many:
            return self.dialect.one(inner, source)
        return self.dialect.many(inner, source, shape.order.format(self=me, parent=up))

    def checklist_inputs(self, case: str) -> str:
        """The case's utilities and its current case materials' (id, requirement code), in the
        order hub.materials.queries.checklist_for reads them."""
        dialect = self.dialect
        material = dialect.pair(dialect.column("m.id", "text"), "m.requirement_code")
        materials = dialect.many(
            material,
            f'FROM "material" m WHERE m.case_id = {case}.id AND m.removed_at IS NULL '
            "AND m.superseded_by_id IS NULL AND m.ticket_id IS NULL",
            "m.created_at, m.id",
        )
        utilities = dialect.column(f"{case}.utilities", "json")
        return dialect.object([f"'utilities', {utilities}", f"'materials', {materials}"])

    def _fields(self, type_name: str, selection_set: SelectionSetNode):
        """(response key, field node) of the selection, fragments of this type flattened; a key
        selected twice is not compiled (graphql-core merges those)."""
        seen: set[str] = set()
        for node in self._flattened(type_name, selection_set):
            key = node.alias.value if node.alias else node.name.value
            if key in seen:
                raise NotCompilable(f"{key} selected twice")
            seen.add(key)
            yield key, node

    def _flattened(self, type_name: str, selection_set: SelectionSetNode):
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                yield selection
                continue
            if selection.directives:
                raise NotCompilable("a fragment with directives")
            if isinstance(selection, InlineFragmentNode):
                condition, inner = selection.type_condition, selection.selection_set
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments.get(selection.name.value)
                if fragment is None:
                    raise NotCompilable("an unknown fragment")
                condition, inner = fragment.type_condition, fragment.selection_set
            else:
                raise NotCompilable("an unknown selection")
            if condition is not None and condition.name.value != type_name:
                raise NotCompilable("a fragment on another type")
            yield from self._flattened(type_name, inner)


def compile_case(
    selection_set: SelectionSetNode | None,
    fragments: Mapping[str, FragmentDefinitionNode],
    zone: str = "Asia/Shanghai",
    dialect: str = "postgres",
) -> CompiledCase:
    """Raises NotCompilable for a selection the resolvers must answer. `zone`: the IANA time
    zone date-times are written in (HUB_TIMEZONE); `dialect`: "postgres" or "sqlite"."""
    writer = DIALECTS[dialect]
    compilation = _Compilation(fragments, zone, writer)
    expression = writer.as_text(compilation.object("Case", selection_set, ROOT, ""))
    statement = writer.by_ids(ROOT, expression)
    return CompiledCase(expression, statement, tuple(compilation.checklists))


def _checklist_projection(selection_set: SelectionSetNode | None) -> ChecklistProjection:
    if selection_set is None:
        raise NotCompilable("checklist without a selection")
    projection: list[tuple[str, Callable | str]] = []
    seen: set[str] = set()
    for node in selection_set.selections:
        if not isinstance(node, FieldNode) or node.arguments or node.directives:
            raise NotCompilable("checklist items: fields only")
        key = node.alias.value if node.alias else node.name.value
        if key in seen:
            raise NotCompilable(f"{key} selected twice")
        seen.add(key)
        name = node.name.value
        if name == "__typename":
            projection.append((key, "ChecklistItem"))
        elif name in CHECKLIST_ITEM:
            projection.append((key, CHECKLIST_ITEM[name]))
        else:
            raise NotCompilable(f"ChecklistItem.{name} is not compiled")
    return tuple(projection)
