"""Operations refused before they run: too costly (HUB_MAX_QUERY_COST), or carrying a string
longer than its field allows or with a NUL character. Nothing of a refused operation executes;
the answer is BAD_USER_INPUT (API.md lists no code of its own for either)."""

from __future__ import annotations

from collections.abc import Iterator

from graphql import ExecutionResult, GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from hub.errors import BadUserInput, HubError
from hub.schema.query_cost import estimate_cost
from hub.schema.string_limits import string_problems
from hub.settings import get_settings


class QueryTooCostly(HubError):
    code = BadUserInput.code

    def __init__(self, cost: int, max_cost: int) -> None:
        super().__init__(
            f"查询过于复杂：估算成本 {cost}，上限 {max_cost}；请减少分页大小、别名或嵌套 "
            f"(query cost {cost} exceeds the maximum of {max_cost})",
            cost=cost,
            maxCost=max_cost,
        )


class _RefusingExtension(SchemaExtension):
    """Answers `refusal()` instead of executing. Subscriptions are not checked here (their
    selections are small; the socket caps them), nor anything with HUB_PROTECTIONS_ENABLED off
    (only to measure what the protections cost)."""

    def refusal(self) -> HubError | None:
        raise NotImplementedError

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        checked = (
            context.result is None
            and context.operation_type != OperationType.SUBSCRIPTION
            and get_settings().protections_enabled
        )
        if checked:
            error = self.refusal()
            if error is not None:
                # A result already present is what strawberry answers without executing.
                context.result = ExecutionResult(
                    data=None, errors=[GraphQLError(error.message, original_error=error)]
                )
        yield


class QueryCostLimit(_RefusingExtension):
    def refusal(self) -> HubError | None:
        context = self.execution_context
        cost = estimate_cost(
            context.schema._schema,
            context.graphql_document,
            operation_name=context.operation_name,
            variables=context.variables,
        )
        max_cost = get_settings().max_query_cost
        return QueryTooCostly(cost, max_cost) if cost > max_cost else None


class StringLimits(_RefusingExtension):
    def refusal(self) -> HubError | None:
        context = self.execution_context
        problems = string_problems(
            context.schema._schema,
            context.graphql_document,
            operation_name=context.operation_name,
            variables=context.variables,
        )
        return BadUserInput(problems) if problems else None
