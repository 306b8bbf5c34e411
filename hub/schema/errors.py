"""Errors reach clients with `extensions.code`; anything unexpected becomes INTERNAL, with no
stack trace, SQL or path. A database that is locked or too slow (past the lock or statement
timeout of hub/db.py) is UPSTREAM_UNAVAILABLE: the client may try again."""

from __future__ import annotations

from graphql import GraphQLError
from strawberry.extensions import MaskErrors

from hub.db import is_database_busy
from hub.errors import HubError, UpstreamUnavailable

DATABASE_BUSY = "数据库繁忙，请稍后重试 (database busy, try again later)"


def _is_unexpected(error: GraphQLError) -> bool:
    original = error.original_error
    return original is not None and not isinstance(original, HubError)


class HubErrorMasking(MaskErrors):
    def __init__(self) -> None:
        super().__init__(
            should_mask_error=_is_unexpected,
            error_message="服务内部错误，请稍后重试 (internal error)",
        )

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        if error.original_error is not None and is_database_busy(error.original_error):
            busy = UpstreamUnavailable(DATABASE_BUSY)
            return GraphQLError(
                message=busy.message,
                nodes=error.nodes,
                source=error.source,
                positions=error.positions,
                path=error.path,
                original_error=busy,
                extensions=busy.extensions,
            )
        return GraphQLError(
            message=self.error_message,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            original_error=None,
            extensions={"code": "INTERNAL"},
        )
