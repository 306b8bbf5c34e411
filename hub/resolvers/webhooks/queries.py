"""Admin queries of webhooks: endpoints, the delivery log, one delivery's attempts."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

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
    @strawberry.field(description="Registered webhook endpoints, oldest first (admin).")
    async def webhook_endpoints(
        self, info: Info, utility: Utility | None = None, enabled: bool | None = None
    ) -> list[WebhookEndpoint]:
        rows = await endpoints.list_endpoints(
            principal=principal_of(info), utility=utility, enabled=enabled
        )
        return [WebhookEndpoint.from_model(row) for row in rows]

    @strawberry.field(description="The delivery log, newest first (admin).")
    async def webhook_deliveries(
        self,
        info: Info,
        endpoint_id: strawberry.ID | None = None,
        status: WebhookDeliveryStatus | None = None,
        first: int | None = 20,
        after: str | None = None,
    ) -> WebhookDeliveryConnection:
        page = await log.delivery_page(
            principal=principal_of(info),
            endpoint_id=endpoint_id,
            status=status,
            first=first,
            after=after,
        )
        return Connection.of(page, WebhookDelivery.from_model)

    @strawberry.field(description="One delivery, or null when there is none (admin).")
    async def webhook_delivery(self, info: Info, id: strawberry.ID) -> WebhookDelivery | None:
        row = await log.find_delivery(principal=principal_of(info), delivery_id=id)
        return WebhookDelivery.from_model(row) if row else None

    @strawberry.field(description="Every HTTP attempt of a delivery, oldest first (admin).")
    async def webhook_delivery_attempts(
        self,
        info: Info,
        delivery_id: strawberry.ID,
        first: int | None = 20,
        after: str | None = None,
    ) -> WebhookAttemptConnection:
        page = await log.attempt_page(
            principal=principal_of(info), delivery_id=delivery_id, first=first, after=after
        )
        return Connection.of(page, WebhookAttempt.from_model)
