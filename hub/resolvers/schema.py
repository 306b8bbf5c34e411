"""The root schema: merges each domain's queries and mutations."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from hub.resolvers.accounts.mutations import AccountMutations
from hub.resolvers.accounts.queries import AccountQueries
from hub.resolvers.audit.queries import AuditQueries
from hub.resolvers.calendar.mutations import CalendarMutations
from hub.resolvers.calendar.queries import CalendarQueries
from hub.resolvers.cases.mutations import CaseMutations
from hub.resolvers.cases.queries import CaseQueries
from hub.resolvers.consultations.mutations import ConsultationMutations
from hub.resolvers.documents.mutations import DocumentMutations
from hub.resolvers.documents.queries import DocumentQueries
from hub.resolvers.events.socket import WebSocketOperations
from hub.resolvers.events.subscriptions import EventSubscriptions
from hub.resolvers.figures.queries import FigureQueries
from hub.resolvers.green_channel.mutations import GreenChannelMutations
from hub.resolvers.guide.queries import GuideQueries
from hub.resolvers.liaisons.mutations import LiaisonMutations
from hub.resolvers.liaisons.queries import LiaisonQueries
from hub.resolvers.tickets.mutations import TicketMutations
from hub.resolvers.tickets.queries import TicketQueries
from hub.resolvers.webhooks.mutations import WebhookMutations
from hub.resolvers.webhooks.queries import WebhookQueries
from hub.schema.error_log import log_graphql_error
from hub.schema.errors import HubErrorMasking
from hub.schema.execution import HubExecutionContext
from hub.schema.operation_audit import OperationAuditing
from hub.schema.operation_metrics import OperationMetrics
from hub.schema.read_audit import ReadAuditCollection
from hub.schema.request_limits import QueryCostLimit, StringLimits
from hub.schema.scalars import SCALAR_MAP

ANY_CALL = (
    "除注明“无需令牌”的字段外都须 Authorization: Bearer 令牌，否则为 UNAUTHENTICATED；任何请求都可"
    '能遇到 RATE_LIMITED。Every field needs an `Authorization: Bearer` token unless it says "no '
    'token needed" (else UNAUTHENTICATED); any request may meet RATE_LIMITED.'
)


@strawberry.type(
    description="查询：case、ticket 对调用方看不到的对象返回 null，列表只含可见的对象。Queries: "
    "case and ticket are null for an object the caller may not see, lists hold only visible "
    "ones. " + ANY_CALL
)
class Query(
    GuideQueries,
    CaseQueries,
    TicketQueries,
    CalendarQueries,
    DocumentQueries,
    WebhookQueries,
    AuditQueries,
    AccountQueries,
    LiaisonQueries,
    FigureQueries,
):
    pass


@strawberry.type(
    description="变更：改动与其案件事件在同一事务中写入；输入有误时什么也不改。"
    "对看不到的对象为 NOT_FOUND，对可见对象但角色不允许为 FORBIDDEN，状态不允许为 INVALID_STATE"
    "（消息说明当前状态允许什么），并发修改为 CONFLICT。Mutations: a change and its case events "
    "are written in one transaction; bad input changes nothing. NOT_FOUND for an object the "
    "caller cannot see, FORBIDDEN for a visible one the role may not act on, INVALID_STATE when "
    "the state does not allow it (the message names what it allows), CONFLICT for a concurrent "
    "change. " + ANY_CALL
)
class Mutation(
    CaseMutations,
    TicketMutations,
    CalendarMutations,
    DocumentMutations,
    WebhookMutations,
    AccountMutations,
    LiaisonMutations,
    GreenChannelMutations,
    ConsultationMutations,
):
    pass


@strawberry.type(
    description="订阅：经 WebSocket（/graphql，协议 graphql-transport-ws）；令牌放在 "
    "connection_init 的 payload 中。Subscriptions over WebSocket (/graphql, protocol "
    "graphql-transport-ws); the token goes in the connection_init payload."
)
class Subscription(EventSubscriptions):
    pass


# The depth and alias rules are classes that the limiters create when constructed. Built once
# here: a limiter built per request makes new classes each time, and as the rules are part of
# the validation cache's key, the cache would never hit.
LIMIT_RULES = (
    *QueryDepthLimiter(max_depth=12).validation_rules,
    *MaxAliasesLimiter(max_alias_count=30).validation_rules,
)
VALIDATION_CACHE_SIZE = 256


def limit_rules() -> AddValidationRules:
    return AddValidationRules(list(LIMIT_RULES))


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
        OperationMetrics,
        HubErrorMasking,
        WebSocketOperations,
        limit_rules,
        lambda: MaxTokensLimiter(max_token_count=5000),
        lambda: ParserCache(maxsize=256),
        lambda: ValidationCache(maxsize=VALIDATION_CACHE_SIZE),
        QueryCostLimit,
        StringLimits,
        ReadAuditCollection,
        OperationAuditing,
    ],
    config=StrawberryConfig(scalar_map=SCALAR_MAP),
    execution_context_class=HubExecutionContext,
)


def export_sdl() -> str:
    return schema.as_str() + "\n"
