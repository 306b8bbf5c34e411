"""How GraphQL errors are logged (API.md, "Limits and protection"; DESIGN.md, "Expected errors
are not incidents"): an expected error is one line with its code, where it happened and, for
BAD_USER_INPUT, the paths of the fields; never the query's text, its variables or the message
(graphql-core's messages quote the values sent). Only INTERNAL carries a stack trace, and the
strings the client sent are blanked out of it."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterable, Iterator
from typing import Any

from graphql import GraphQLError, StringValueNode, visit
from graphql.language import Visitor
from strawberry.types import ExecutionContext

from hub.errors import BadUserInput
from hub.schema.errors import error_code

log = logging.getLogger("hub.graphql")

BLANK = "***"
#: Shorter strings (a status, "true") say nothing about anyone and would blank too much.
SHORTEST_BLANKED = 4


class _Strings(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def enter_string_value(self, node: StringValueNode, *_: Any) -> None:
        self.found.append(node.value)


def _leaves(value: object) -> Iterator[str]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item)
    elif value is not None and not isinstance(value, bool):
        yield str(value)


def sent_strings(context: ExecutionContext | None) -> list[str]:
    """Every literal and variable value of the request, longest first."""
    if context is None:
        return []
    strings = _Strings()
    if context.graphql_document is not None:
        visit(context.graphql_document, strings)
    found = {*strings.found, *_leaves(context.variables or {})}
    return sorted((s for s in found if len(s) >= SHORTEST_BLANKED), key=len, reverse=True)


def blanked(text: str, secrets: Iterable[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, BLANK)
    return text


def _where(error: GraphQLError, context: ExecutionContext | None) -> dict[str, object]:
    return {
        "code": error_code(error),
        "operation": (context.operation_name if context else None) or "-",
        "path": ".".join(str(p) for p in error.path) if error.path else "-",
    }


def log_graphql_error(error: GraphQLError, context: ExecutionContext | None) -> None:
    """One line: `graphql error` with the fields code, operation and path (and, for
    BAD_USER_INPUT, `fields`: the paths of the fields refused); INTERNAL adds `exception`."""
    where = _where(error, context)
    original = error.original_error
    if where["code"] != "INTERNAL" or original is None:
        if isinstance(original, BadUserInput):
            where["fields"] = [str(f["path"]) for f in original.extensions["fields"]]
        log.info("graphql error", extra=where)
        return
    trace = "".join(traceback.format_exception(original))
    log.error("graphql error", extra={**where, "exception": blanked(trace, sent_strings(context))})
