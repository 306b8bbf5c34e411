"""Admin queries of webhooks: endpoints, the delivery log, one delivery's attempts."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from hub.auth.visibility import parse_id
from hub.models import WebhookAttempt as WebhookAttemptRow
from hub.resolvers.context import principal_of
from hub.schema.common import paginate
from hub.schema.enums import Utility
from hub.schema.webhooks import (
    WebhookAttempt,
    WebhookAttemptConnection,
    WebhookAttemptEdge,
    WebhookDelivery,
    WebhookDeliveryConnection,
    WebhookDeliveryEdge,
    WebhookDeliveryStatus,
    WebhookEndpoint,
)
from hub.webhooks import endpoints


@strawberry.type
class WebhookQueries:
    @strawberry.field(description="Registered webhook endpoints, oldest first (admin).")
    async def webhook_endpoints(
        self, info: Info, utility: Utility | None = None, enabled: bool | None = None
    ) -> list[WebhookEndpoint]:
        query = endpoints.list_endpoints(
            principal=principal_of(info), utility=utility, enabled=enabled
        )
        return [WebhookEndpoint.from_model(row) for row in await query]

    @strawberry.field(description="The delivery log, newest first (admin).")
    async def webhook_deliveries(
        self,
        info: Info,
        endpoint_id: strawberry.ID | None = None,
        status: WebhookDeliveryStatus | None = None,
        first: int | None = 20,
        after: str | None = None,
    ) -> WebhookDeliveryConnection:
        query = endpoints.list_deliveries(
            principal=principal_of(info), endpoint_id=endpoint_id, status=status
        )
        return await paginate(
            query.select_related("event__case"),
            first=first,
            after=after,
            order_by=("-created_at", "-event_id", "id"),
            edge=WebhookDeliveryEdge,
            connection=WebhookDeliveryConnection,
            node=WebhookDelivery.from_model,
        )

    @strawberry.field(description="One delivery, or null when there is none (admin).")
    async def webhook_delivery(self, info: Info, id: strawberry.ID) -> WebhookDelivery | None:
        query = endpoints.list_deliveries(principal=principal_of(info))
        uid = parse_id(id)
        row = await query.filter(id=uid).select_related("event__case").first() if uid else None
        return WebhookDelivery.from_model(row) if row else None

    @strawberry.field(description="Every HTTP attempt of a delivery, oldest first (admin).")
    async def webhook_delivery_attempts(
        self,
        info: Info,
        delivery_id: strawberry.ID,
        first: int | None = 20,
        after: str | None = None,
    ) -> WebhookAttemptConnection:
        delivery = await endpoints.get_delivery(
            principal=principal_of(info), delivery_id=delivery_id
        )
        return await paginate(
            WebhookAttemptRow.filter(delivery_id=delivery.id),
            first=first,
            after=after,
            order_by=("number", "id"),
            edge=WebhookAttemptEdge,
            connection=WebhookAttemptConnection,
            node=WebhookAttempt.from_model,
        )
