"""Every string a client sends has a maximum length and no NUL character (API.md, "Limits and
protection"), checked before the operation runs, whether it came as a literal or a variable.
Problems are reported with their path relative to the operation's arguments."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLNamedType,
    GraphQLSchema,
    InlineFragmentNode,
    ListValueNode,
    ObjectValueNode,
    SelectionSetNode,
    StringValueNode,
    ValueNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_list_type,
)
from graphql.utilities import get_operation_ast

from hub.errors import FieldProblem
from hub.schema.per_document import per_document

#: Longest value of each scalar that travels as a string, unless STRING_LIMITS says otherwise.
DEFAULT_LIMITS = {"String": 1000, "ID": 100, "Date": 64, "DateTime": 64, "Decimal": 64}

#: Where the domain needs more room, or obviously less: "Input.field" or "Type.field(argument)".
STRING_LIMITS: dict[str, int] = {
    "CaseFilter.search": 100,
    "CaseFilter.applicantUscc": 50,
    "ApplicantInput.uscc": 50,
    "ApplicantInput.contactPhone": 50,
    "ApplicantInput.contactEmail": 254,
    "ApplicantInput.agentIdNumber": 50,
    "UploadRequestInput.sha256": 100,
    "Query.verifyDocument(code)": 100,
    "CorrectionItemInput.note": 2000,
    "Mutation.withdrawApplication(reason)": 2000,
    "Mutation.reviewTicket(reasons)": 4000,
    "Mutation.recordSurvey(notes)": 4000,
    "Mutation.setKeyProject(reason)": 2000,
    "Mutation.recordGreenChannelContact(note)": 2000,
    "Mutation.scheduleConsultation(topic)": 2000,
    "Mutation.recordConsultationMinutes(minutes)": 20000,
    "ResultFeedbackInput.renovationAdvice": 4000,
    "ResultFeedbackInput.designPlan": 4000,
    "ResultFeedbackInput.externalWorksInfo": 4000,
    "ResultFeedbackInput.reasons": 4000,
    "RegisterWebhookInput.url": 2000,
    "UpdateWebhookInput.url": 2000,
    "InquiryInput.question": 4000,
    "Mutation.answerInquiry(answer)": 4000,
    "Mutation.planInquiry(plan)": 4000,
    "Mutation.reopenInquiry(reason)": 4000,
    "LiaisonInput.name": 50,
    "LiaisonInput.phone": 50,
}


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # JSON can carry them; no database takes them


def _problem(value: str, limit: int, path: str) -> FieldProblem | None:
    if len(value) > limit:
        return FieldProblem(path, f"超过 {limit} 个字符 (longer than {limit} characters)")
    if "\x00" in value:
        return FieldProblem(path, "不能含空字符 (NUL characters are not allowed)")
    if _LONE_SURROGATE.search(value):
        return FieldProblem(path, "不是有效的 Unicode 文本 (not valid Unicode text)")
    return None


class _Checker:
    def __init__(self, variables: Mapping[str, Any], defaults: Mapping[str, ValueNode]) -> None:
        self.variables = variables
        self.defaults = defaults  # a variable's default value applies when none is sent
        self.problems: dict[str, FieldProblem] = {}  # by path: a variable used twice counts once

    def value(self, node: ValueNode, type_: GraphQLInputType, key: str | None, path: str) -> None:
        if isinstance(node, VariableNode):
            name = node.name.value
            if name in self.variables:
                self.raw(self.variables[name], type_, key, path)
            elif name in self.defaults:
                self.value(self.defaults[name], type_, key, path)
            return
        nullable = get_nullable_type(type_)
        if is_list_type(nullable):
            items = node.values if isinstance(node, ListValueNode) else (node,)
            for i, item in enumerate(items):
                self.value(item, nullable.of_type, key, f"{path}[{i}]")
        elif isinstance(nullable, GraphQLInputObjectType) and isinstance(node, ObjectValueNode):
            for field in node.fields:
                name = field.name.value
                if name in nullable.fields:
                    own = f"{nullable.name}.{name}"
                    self.value(field.value, nullable.fields[name].type, own, f"{path}.{name}")
        elif isinstance(node, StringValueNode):
            self.string(node.value, nullable, key, path)

    def raw(self, value: object, type_: GraphQLInputType, key: str | None, path: str) -> None:
        nullable = get_nullable_type(type_)
        if is_list_type(nullable):
            items = value if isinstance(value, list) else [value]
            for i, item in enumerate(items):
                self.raw(item, nullable.of_type, key, f"{path}[{i}]")
        elif isinstance(nullable, GraphQLInputObjectType) and isinstance(value, dict):
            for name, item in value.items():
                if name in nullable.fields:
                    own = f"{nullable.name}.{name}"
                    self.raw(item, nullable.fields[name].type, own, f"{path}.{name}")
        elif isinstance(value, str):
            self.string(value, nullable, key, path)

    def string(self, value: str, type_: GraphQLNamedType, key: str | None, path: str) -> None:
        default = DEFAULT_LIMITS.get(type_.name)
        if default is None:
            return  # an enum or a scalar that is not text: coercion judges it
        problem = _problem(value, STRING_LIMITS.get(key or "", default), path)
        if problem is not None:
            self.problems.setdefault(path, problem)


def _fields(
    schema: GraphQLSchema,
    selection_set: SelectionSetNode | None,
    parent: GraphQLNamedType,
    fragments: Mapping[str, FragmentDefinitionNode],
) -> Iterator[tuple[GraphQLNamedType, FieldNode]]:
    """Every field of the selection with the type it is selected on, fragments included."""
    for selection in selection_set.selections if selection_set else ():
        if isinstance(selection, FieldNode):
            yield parent, selection
            definition = getattr(parent, "fields", {}).get(selection.name.value)
            if definition is not None:
                child = get_named_type(definition.type)
                yield from _fields(schema, selection.selection_set, child, fragments)
        elif isinstance(selection, InlineFragmentNode):
            condition = selection.type_condition
            own = schema.get_type(condition.name.value) if condition else parent
            yield from _fields(schema, selection.selection_set, own or parent, fragments)
        elif isinstance(selection, FragmentSpreadNode):
            fragment = fragments.get(selection.name.value)
            if fragment is not None:
                own = schema.get_type(fragment.type_condition.name.value) or parent
                yield from _fields(schema, fragment.selection_set, own, fragments)


@per_document
def _arguments(
    schema: GraphQLSchema, document: DocumentNode, operation_name: str | None
) -> tuple[tuple, dict[str, ValueNode]] | None:
    """Every argument of the operation's fields as (value node, type, limit key, name), and the
    variables' defaults; None without such an operation."""
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return None
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    defaults = {
        definition.variable.name.value: definition.default_value
        for definition in operation.variable_definitions or ()
        if definition.default_value is not None
    }
    arguments = []
    root = schema.get_root_type(operation.operation)
    for parent, node in _fields(schema, operation.selection_set, root, fragments):
        definition = getattr(parent, "fields", {}).get(node.name.value)
        if definition is None:
            continue
        for argument in node.arguments or ():
            name = argument.name.value
            if name in definition.args:
                key = f"{parent.name}.{node.name.value}({name})"
                arguments.append((argument.value, definition.args[name].type, key, name))
    return tuple(arguments), defaults


def string_problems(
    schema: GraphQLSchema,
    document: DocumentNode,
    *,
    operation_name: str | None = None,
    variables: Mapping[str, Any] | None = None,
) -> list[FieldProblem]:
    found = _arguments(schema, document, operation_name)
    if found is None:
        return []
    arguments, defaults = found
    checker = _Checker(variables or {}, defaults)
    for value, type_, key, name in arguments:
        checker.value(value, type_, key, name)
    return list(checker.problems.values())
