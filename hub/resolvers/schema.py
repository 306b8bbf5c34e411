"""The root schema: merges each domain's queries and mutations."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from hub.resolvers.audit.queries import AuditQueries
from hub.resolvers.calendar.mutations import CalendarMutations
from hub.resolvers.calendar.queries import CalendarQueries
from hub.resolvers.cases.mutations import CaseMutations
from hub.resolvers.cases.queries import CaseQueries
from hub.resolvers.documents.mutations import DocumentMutations
from hub.resolvers.documents.queries import DocumentQueries
from hub.resolvers.events.socket import WebSocketOperations
from hub.resolvers.events.subscriptions import EventSubscriptions
from hub.resolvers.guide.queries import GuideQueries
from hub.resolvers.tickets.mutations import TicketMutations
from hub.resolvers.tickets.queries import TicketQueries
from hub.resolvers.webhooks.mutations import WebhookMutations
from hub.resolvers.webhooks.queries import WebhookQueries
from hub.schema.error_log import log_graphql_error
from hub.schema.errors import HubErrorMasking
from hub.schema.operation_audit import OperationAuditing
from hub.schema.read_audit import ReadAuditCollection
from hub.schema.request_limits import QueryCostLimit, StringLimits
from hub.schema.scalars import SCALAR_MAP

Query = merge_types(
    "Query",
    (
        GuideQueries,
        CaseQueries,
        TicketQueries,
        CalendarQueries,
        DocumentQueries,
        WebhookQueries,
        AuditQueries,
    ),
)
Mutation = merge_types(
    "Mutation",
    (CaseMutations, TicketMutations, CalendarMutations, DocumentMutations, WebhookMutations),
)
Subscription = merge_types("Subscription", (EventSubscriptions,))


class HubSchema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        for error in errors:
            log_graphql_error(error, execution_context)


schema = HubSchema(
    query=Query,
    mutation=Mutation,
    subscription=Subscription,
    extensions=[
        HubErrorMasking,
        WebSocketOperations,
        lambda: QueryDepthLimiter(max_depth=12),
        lambda: MaxAliasesLimiter(max_alias_count=30),
        lambda: MaxTokensLimiter(max_token_count=5000),
        lambda: ParserCache(maxsize=256),
        lambda: ValidationCache(maxsize=256),
        QueryCostLimit,
        StringLimits,
        ReadAuditCollection,
        OperationAuditing,
    ],
    config=StrawberryConfig(scalar_map=SCALAR_MAP),
)


def export_sdl() -> str:
    return schema.as_str() + "\n"
