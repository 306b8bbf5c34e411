"""`hub_graphql_operation_seconds`: each query and mutation, over HTTP or WebSocket, timed and
counted by operation name (bounded: hub.metrics.operation_label) and outcome code (OK, the
first error's code, or BAD_REQUEST for a request strawberry refuses outright with HTTP 400).
Subscriptions last as long as the client wants: `hub_subscriptions_active` counts them instead."""

from __future__ import annotations

import time
from collections.abc import Iterator

from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from hub.metrics import GRAPHQL_OPERATION_SECONDS, operation_label
from hub.schema.errors import error_code

OK = "OK"
BAD_REQUEST = "BAD_REQUEST"


class OperationMetrics(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        started = time.monotonic()
        try:
            yield
        except Exception:  # refused as a bad request (HTTP 400): an unknown operationName, say
            self._observe(BAD_REQUEST, started)
            raise
        context = self.execution_context
        errors = context.pre_execution_errors or (context.result and context.result.errors)
        self._observe(error_code(errors[0]) if errors else OK, started)

    def _observe(self, code: str, started: float) -> None:
        context = self.execution_context
        try:
            if context.operation_type is OperationType.SUBSCRIPTION:
                return
        except RuntimeError:  # no operation to run (a parse error, an unknown name)
            pass
        GRAPHQL_OPERATION_SECONDS.labels(
            operation=operation_label(context.operation_name), code=code
        ).observe(time.monotonic() - started)
