"""Errors reach clients with `extensions.code`; anything unexpected becomes INTERNAL, with no
stack trace, SQL or path."""

from __future__ import annotations

from graphql import GraphQLError
from strawberry.extensions import MaskErrors

from hub.errors import HubError


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
        return GraphQLError(
            message=self.error_message,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            original_error=None,
            extensions={"code": "INTERNAL"},
        )
