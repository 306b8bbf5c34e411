"""graphql-core's execution with three shortcuts, each answering exactly as the full path does.

1. A plain leaf field (a scalar or enum, or a list of them, that strawberry answers by reading
   an attribute: no resolver, no arguments, no field extension) is read and serialised
   directly. graphql-core would build a resolve info, wrap the resolver in the middleware,
   check for an awaitable and walk `complete_value` for each of them: about 20 µs a field, and
   a case detail has a hundred such fields. Anything unusual (a null where the type forbids
   it, a value the type cannot serialise, an exception) goes the full way, which reports it as
   it always did.
2. A value a resolver hands over already completed (`Precompleted`: a case answered by one
   SQL statement, hub/schema/compiled/) is returned as it is, its fields not walked.
3. The schema extensions' `resolve` hooks (graphql-core middleware) wrap the root fields only.
   The one such hook, `OperationAuditing.resolve`, audits root mutation fields; wrapping every
   nested field cost a call per field for nothing. `tests/schema/test_execution.py` fails if
   an extension with a `resolve` hook is added (it would have to be told apart here).
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any

from graphql import (
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    Undefined,
    is_leaf_type,
)
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from hub.schema.compiled.precompleted import Precompleted

_FAILED = object()  # the shortcut cannot answer: the full path must (and reports any error)

Completion = Callable[[Any], Any]


def _completion(return_type: GraphQLOutputType) -> Completion | None:
    """A function completing a value of `return_type` as graphql-core's `complete_value` does
    for values without errors, or None for a type that is not a leaf or a list of leaves."""
    if isinstance(return_type, GraphQLNonNull):
        inner = _completion(return_type.of_type)
        if inner is None:
            return None
        return lambda value: _FAILED if value is None else inner(value)
    if isinstance(return_type, GraphQLList):
        item = _completion(return_type.of_type)
        if item is None:
            return None

        def complete_list(value):
            if value is None:
                return None
            if not isinstance(value, list | tuple):
                return _FAILED
            completed = [item(v) for v in value]
            return _FAILED if any(c is _FAILED for c in completed) else completed

        return complete_list
    if is_leaf_type(return_type):
        serialize = return_type.serialize

        def complete_leaf(value):
            if value is None or value is Undefined:
                return None
            serialized = serialize(value)
            return _FAILED if serialized is Undefined or serialized is None else serialized

        return complete_leaf
    return None


_plain_fields: dict[tuple[str, str], tuple[Callable, Completion] | None] = {}


def _plain_leaf(parent_type: GraphQLObjectType, field_def, name: str):
    """(resolver, completion) of a plain leaf field, None for any other; once per field."""
    key = (parent_type.name, name)
    try:
        return _plain_fields[key]
    except KeyError:
        pass
    plain = None
    resolve = field_def.resolve
    if getattr(resolve, "_is_default", False) and not field_def.args:
        completion = _completion(field_def.type)
        if completion is not None:
            plain = (_reader(field_def, resolve), completion)
    _plain_fields[key] = plain
    return plain


def _reader(field_def, resolve: Callable) -> Callable:
    """The attribute read strawberry's basic resolver makes (`default_resolver(source,
    python_name)`), without its two calls when the default resolver is `getattr`."""
    definition = field_def.extensions.get("strawberry-definition")
    if definition is not None and definition.default_resolver is getattr:
        return attrgetter(definition.python_name)
    return lambda source: resolve(source, None)


class _RootFieldsOnly:
    """A middleware manager applying `manager`'s middleware to root fields only."""

    def __init__(self, manager) -> None:
        self._manager = manager
        self._resolvers: dict[Callable, Callable] = {}

    def get_field_resolver(self, resolver: Callable) -> Callable:
        try:
            return self._resolvers[resolver]
        except KeyError:
            pass
        wrapped = self._manager.get_field_resolver(resolver)

        def resolve(source, info, **arguments):
            chosen = wrapped if info.path.prev is None else resolver
            return chosen(source, info, **arguments)

        self._resolvers[resolver] = resolve
        return resolve


class HubExecutionContext(StrawberryGraphQLCoreExecutionContext):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.middleware_manager is not None:
            self.middleware_manager = _RootFieldsOnly(self.middleware_manager)

    def execute_field(self, parent_type, source, field_details_list, path, position_context):
        node = field_details_list[0].node
        if path.prev is not None and not node.arguments:
            name = node.name.value
            field_def = parent_type.fields.get(name)
            plain = _plain_leaf(parent_type, field_def, name) if field_def is not None else None
            if plain is not None:
                read, completion = plain
                try:
                    completed = completion(read(source))
                except Exception:  # the full path meets it again and reports it
                    completed = _FAILED
                if completed is not _FAILED:
                    return completed
        return super().execute_field(
            parent_type, source, field_details_list, path, position_context
        )

    def complete_value(self, return_type, field_details_list, info, path, result, position_context):
        if type(result) is Precompleted:
            return result.value
        return super().complete_value(
            return_type, field_details_list, info, path, result, position_context
        )
