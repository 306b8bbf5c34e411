"""Admin queries of webhooks: endpoints, the delivery log, one delivery's attempts."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.resolvers.arguments import AFTER, DELIVERY_ID, FIRST
from hub.resolvers.context import principal_of
from hub.schema.common import Connection
from hub.schema.enums import Utility
from hub.schema.webhooks import (
    WebhookAttempt,
    WebhookAttemptConnection,
    WebhookDelivery,
    WebhookDeliveryConnection,
    WebhookDeliveryStatus,
    WebhookEndpoint,
)
from hub.webhooks import endpoints, log


@strawberry.type
class WebhookQueries:
    @strawberry.field(
        description="已登记的 Webhook 接收端，最早的在前（仅管理员）。Registered webhook "
        "endpoints, oldest first (admins only). Errors: FORBIDDEN."
    )
    async def webhook_endpoints(
        self,
        info: Info,
        utility: Annotated[
            Utility | None,
            strawberry.argument(
                description="只列该单位的；null 为全部。Only this utility's; null: all."
            ),
        ] = None,
        enabled: Annotated[
            bool | None,
            strawberry.argument(
                description="只列启用（true）或停用（false）的；null 为全部。Only enabled (true) or"
                " disabled (false) ones; null: all."
            ),
        ] = None,
    ) -> list[WebhookEndpoint]:
        rows = await endpoints.list_endpoints(
            principal=principal_of(info), utility=utility, enabled=enabled
        )
        return [WebhookEndpoint.from_model(row) for row in rows]

    @strawberry.field(
        description="投递日志，最新的在前，按键集游标分页（仅管理员）。The delivery log, newest "
        "first, in keyset pages (admins only). Errors: FORBIDDEN, BAD_USER_INPUT (first, after)."
    )
    async def webhook_deliveries(
        self,
        info: Info,
        endpoint_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="只列该接收端的投递（未知的 id 得到空列表）；null 为全部。Only this "
                "endpoint's deliveries (an unknown id gives an empty list); null: all."
            ),
        ] = None,
        status: Annotated[
            WebhookDeliveryStatus | None,
            strawberry.argument(
                description="只列该状态的投递；null 为全部。Only deliveries in this status; null: "
                "all."
            ),
        ] = None,
        first: Annotated[int | None, FIRST] = 20,
        after: Annotated[str | None, AFTER] = None,
    ) -> WebhookDeliveryConnection:
        page = await log.delivery_page(
            principal=principal_of(info),
            endpoint_id=endpoint_id,
            status=status,
            first=first,
            after=after,
        )
        return Connection.of(page, WebhookDelivery.from_model)

    @strawberry.field(
        description="一条投递记录，不存在时为 null（仅管理员）。One delivery, or null when there is"
        " none (admins only). Errors: FORBIDDEN."
    )
    async def webhook_delivery(
        self, info: Info, id: Annotated[strawberry.ID, DELIVERY_ID]
    ) -> WebhookDelivery | None:
        row = await log.find_delivery(principal=principal_of(info), delivery_id=id)
        return WebhookDelivery.from_model(row) if row else None

    @strawberry.field(
        description="一条投递的每次 HTTP 尝试，最早的在前，按键集游标分页（仅管理员）。Every HTTP "
        "attempt of a delivery, oldest first, in keyset pages (admins only). Errors: NOT_FOUND, "
        "FORBIDDEN, BAD_USER_INPUT (first, after)."
    )
    async def webhook_delivery_attempts(
        self,
        info: Info,
        delivery_id: Annotated[strawberry.ID, DELIVERY_ID],
        first: Annotated[int | None, FIRST] = 20,
        after: Annotated[str | None, AFTER] = None,
    ) -> WebhookAttemptConnection:
        page = await log.attempt_page(
            principal=principal_of(info), delivery_id=delivery_id, first=first, after=after
        )
        return Connection.of(page, WebhookAttempt.from_model)
