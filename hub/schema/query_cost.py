"""The estimated cost of a GraphQL operation, known before it runs (API.md, "Limits and
protection"): every field costs 1, and a list multiplies what it selects by the rows it may
hold: a connection by its page size (`first`, at most MAX_PAGE), any other list by its estimate
in LIST_ESTIMATES. Aliases and fragments are counted where they are used, so repeating a field
repeats its cost."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLNamedType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SchemaMetaFieldDef,
    SelectionSetNode,
    TypeMetaFieldDef,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_list_type,
)
from graphql.pyutils import Undefined
from graphql.utilities import get_operation_ast

from hub.paging import DEFAULT_PAGE, MAX_PAGE
from hub.schema.per_document import per_document

#: Rows one parent may hold in a list that has no pagination: generous, never exact.
LIST_ESTIMATES: dict[str, int] = {
    "Case.materials": 20,
    "Case.reusableMaterials": 20,
    "Case.checklist": 20,
    "Case.documents": 10,
    "Case.tickets": 3,  # one per utility
    "Ticket.documents": 5,
    "LicencePull.materials": 10,
    "LicencePull.failures": 10,
}
_META_FIELDS = {"__schema": SchemaMetaFieldDef, "__type": TypeMetaFieldDef}
#: Any other list of objects (the guide's sections, calendar years, webhook endpoints...).
DEFAULT_LIST_ESTIMATE = 10


class _Estimator:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        operation: OperationDefinitionNode,
        variables: Mapping[str, Any],
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.variable_defaults = {
            d.variable.name.value: d.default_value for d in operation.variable_definitions or ()
        }

    def selection_cost(self, selection_set: SelectionSetNode | None, parent) -> int:
        if selection_set is None:
            return 0
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field_cost(selection, parent)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                own = self.schema.get_type(condition.name.value) if condition else parent
                total += self.selection_cost(selection.selection_set, own or parent)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments.get(selection.name.value)
                if fragment is not None:
                    own = self.schema.get_type(fragment.type_condition.name.value)
                    total += self.selection_cost(fragment.selection_set, own or parent)
        return total

    def field_cost(self, node: FieldNode, parent: GraphQLNamedType) -> int:
        name = node.name.value
        definition = _META_FIELDS.get(name) or getattr(parent, "fields", {}).get(name)
        if definition is None or node.selection_set is None:
            return 1  # a leaf, or __typename
        child = get_named_type(definition.type)
        children = self.selection_cost(node.selection_set, child)
        return 1 + self.rows(node, parent, definition) * children

    def rows(self, node: FieldNode, parent: GraphQLNamedType, definition) -> int:
        """How many times the field's selection runs for one parent."""
        if "first" in definition.args:
            return self.page_size(node, definition)
        if not is_list_type(get_nullable_type(definition.type)):
            return 1
        if parent.name.endswith("Connection") or parent.name.startswith("__"):
            return 1  # edges: counted by the connection's page size; introspection: cheap
        return LIST_ESTIMATES.get(f"{parent.name}.{node.name.value}", DEFAULT_LIST_ESTIMATE)

    def page_size(self, node: FieldNode, definition) -> int:
        argument = next((a for a in node.arguments or () if a.name.value == "first"), None)
        value: object = None
        if argument is not None and isinstance(argument.value, IntValueNode):
            value = int(argument.value.value)
        elif argument is not None and isinstance(argument.value, VariableNode):
            variable = argument.value.name.value
            value = self.variables.get(variable)
            default = self.variable_defaults.get(variable)
            if variable not in self.variables and isinstance(default, IntValueNode):
                value = int(default.value)
        if argument is None:
            value = definition.args["first"].default_value
        if value is None or value is Undefined or isinstance(value, bool):
            return DEFAULT_PAGE
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # GraphQL coerces 100.0 to the Int 100
        if not isinstance(value, int):
            return MAX_PAGE  # anything else is refused by coercion, or costs the most
        return min(max(value, 0), MAX_PAGE)  # beyond MAX_PAGE the page itself is refused


@per_document
def _cost_memo(
    schema: GraphQLSchema, document: DocumentNode, operation_name: str | None
) -> tuple[tuple[str, ...], dict[tuple[str, ...], int]]:
    """The variables any `first` argument of the document takes (all the cost depends on),
    and the costs worked out so far by their values."""
    names: dict[str, None] = {}
    for node in _field_nodes(document):
        for argument in node.arguments or ():
            if argument.name.value == "first" and isinstance(argument.value, VariableNode):
                names[argument.value.name.value] = None
    return tuple(names), {}


def _field_nodes(document: DocumentNode):
    """Every field node of the document's operations and fragments."""
    selection_sets = [getattr(d, "selection_set", None) for d in document.definitions]
    while selection_sets:
        selection_set = selection_sets.pop()
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                yield selection
            selection_sets.append(getattr(selection, "selection_set", None))


def estimate_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    *,
    operation_name: str | None = None,
    variables: Mapping[str, Any] | None = None,
) -> int:
    """Worked out once per document and values of its page-size variables."""
    variables = variables or {}
    names, memo = _cost_memo(schema, document, operation_name)
    values = tuple(repr(variables.get(name, Undefined)) for name in names)
    cost = memo.get(values)
    if cost is None:
        if len(memo) >= 256:
            memo.clear()
        cost = memo[values] = _estimate_cost(schema, document, operation_name, variables)
    return cost


def _estimate_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: Mapping[str, Any],
) -> int:
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return 0  # graphql-core reports the missing operation itself
    root = schema.get_root_type(operation.operation)
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    estimator = _Estimator(schema, fragments, operation, variables)
    return estimator.selection_cost(operation.selection_set, root)
