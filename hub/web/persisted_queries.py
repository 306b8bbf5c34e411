"""Persisted operations at the GraphQL view (hub/persisted_operations/resolution.py has the
rules): the document is settled before strawberry runs it, so a hash-only request goes through
the same protections (body limit, rate budgets, query cost) as one with text.

GET /graphql runs queries from its `query`, `variables`, `operationName` and `extensions`
parameters (never a mutation: strawberry refuses those over GET); a GET with neither `query`
nor `extensions`, as a browser's, still gets GraphiQL.
"""

from __future__ import annotations

from graphql import GraphQLError
from strawberry.types import ExecutionResult

from hub.errors import HubError
from hub.persisted_operations.resolution import PersistedQueries
from hub.schema.error_log import log_graphql_error


def refused(error: HubError) -> GraphQLError:
    graphql_error = GraphQLError(error.message, original_error=error, extensions=error.extensions)
    log_graphql_error(graphql_error, None)
    return graphql_error


class PersistedQueriesView:
    """Mixed into the strawberry view; `persisted_queries` is given by the app."""

    persisted_queries: PersistedQueries

    def should_render_graphql_ide(self, request) -> bool:
        if "extensions" in request.query_params:  # a hash-only GET is a query, not a browser
            return False
        return super().should_render_graphql_ide(request)  # type: ignore[misc]

    async def execute_single(
        self, request, request_adapter, sub_response, context, root_value, request_data
    ):
        try:
            request_data.query = await self.persisted_queries.document(
                request_data.query, request_data.extensions
            )
        except HubError as error:
            # A request error: nothing ran, so no `data` (400 for graphql-response+json).
            return ExecutionResult(data=None, errors=[refused(error)])
        return await super().execute_single(  # type: ignore[misc]
            request=request,
            request_adapter=request_adapter,
            sub_response=sub_response,
            context=context,
            root_value=root_value,
            request_data=request_data,
        )


class PersistedQueriesSocket:
    """Mixed into the graphql-transport-ws handler: a `subscribe` message's payload carries
    `extensions` too."""

    async def handle_subscribe(self, message) -> None:
        payload = message.get("payload")
        if self.connection_acknowledged and isinstance(payload, dict):  # type: ignore[attr-defined]
            queries: PersistedQueries = self.view.persisted_queries  # type: ignore[attr-defined]
            try:
                text = await queries.document(payload.get("query"), payload.get("extensions"))
            except HubError as error:
                await self.send_message(  # type: ignore[attr-defined]
                    {"id": message["id"], "type": "error", "payload": [refused(error).formatted]}
                )
                return
            if text is not None:  # else strawberry refuses the message as before
                payload["query"] = text
        await super().handle_subscribe(message)  # type: ignore[misc]
