"""Errors reach clients with `extensions.code`; anything unexpected becomes INTERNAL, with no
stack trace, SQL or path. GraphQL's own parse, validation and coercion errors (they have no
response path) keep their standard form. A database that is locked or too slow (past the lock or
statement timeout of hub/db.py) is UPSTREAM_UNAVAILABLE: the client may try again."""

from __future__ import annotations

from graphql import GraphQLError
from strawberry.extensions import MaskErrors

from hub.db import is_database_busy
from hub.errors import HubError, UpstreamUnavailable
from hub.schema import database_faults

INTERNAL_MESSAGE = "服务内部错误，请稍后重试 (internal error)"
DATABASE_BUSY = "数据库繁忙，请稍后重试 (database busy, try again later)"


def _is_unexpected(error: GraphQLError) -> bool:
    original = error.original_error
    return original is not None and not isinstance(original, HubError) and error.path is not None


def exception_code(error: BaseException) -> str:
    """The code a client sees for what a resolver raised."""
    if isinstance(error, HubError):
        return error.code
    if is_database_busy(error):
        return "UPSTREAM_UNAVAILABLE"
    return "BAD_USER_INPUT" if database_faults.is_client_fault(error) else "INTERNAL"


def error_code(error: GraphQLError) -> str:
    """The code the client sees; GraphQL's own errors (no code for the client) are named here
    for the log only."""
    original = error.original_error
    if isinstance(original, HubError) or _is_unexpected(error):
        return exception_code(original)
    code = (error.extensions or {}).get("code")
    if isinstance(code, str):
        return code
    if error.message.startswith("Syntax Error"):
        return "GRAPHQL_PARSE_FAILED"
    if error.message.startswith("Variable '$"):
        return "GRAPHQL_VARIABLES_INVALID"
    return "GRAPHQL_VALIDATION_FAILED"


class HubErrorMasking(MaskErrors):
    def __init__(self) -> None:
        super().__init__(should_mask_error=_is_unexpected, error_message=INTERNAL_MESSAGE)

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        original = None
        if error.original_error is not None and is_database_busy(error.original_error):
            original = UpstreamUnavailable(DATABASE_BUSY)  # the client may try again
            message, extensions = original.message, original.extensions
        elif error_code(error) == "BAD_USER_INPUT":
            message, extensions = database_faults.MESSAGE, {"code": "BAD_USER_INPUT", "fields": []}
        else:
            message, extensions = self.error_message, {"code": "INTERNAL"}
        return GraphQLError(
            message=message,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            original_error=original,
            extensions=extensions,
        )
