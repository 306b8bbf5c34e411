"""Admin mutations of webhooks."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from hub.resolvers.context import principal_of
from hub.schema.webhooks import (
    RegisterWebhookInput,
    UpdateWebhookInput,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEndpointSecret,
)
from hub.webhooks import endpoints, log


@strawberry.type
class WebhookMutations:
    @strawberry.mutation(
        description="Register a utility's endpoint; the answer holds its secret, shown this once."
    )
    async def register_webhook(
        self, info: Info, input: RegisterWebhookInput
    ) -> WebhookEndpointSecret:
        row, secret = await endpoints.register_endpoint(
            principal=principal_of(info),
            utility=input.utility,
            url=input.url,
            event_types=input.event_types,
            description=input.description,
        )
        return WebhookEndpointSecret(endpoint=WebhookEndpoint.from_model(row), secret=secret)

    @strawberry.mutation(description="Change an endpoint's URL, event types, description or state.")
    async def update_webhook(
        self, info: Info, id: strawberry.ID, input: UpdateWebhookInput
    ) -> WebhookEndpoint:
        row = await endpoints.update_endpoint(
            principal=principal_of(info),
            endpoint_id=id,
            changes=endpoints.EndpointChanges(
                url=input.url,
                event_types=input.event_types,
                description=input.description,
                enabled=input.enabled,
            ),
        )
        return WebhookEndpoint.from_model(row)

    @strawberry.mutation(description="Stop sending to an endpoint (events meanwhile are skipped).")
    async def disable_webhook(self, info: Info, id: strawberry.ID) -> WebhookEndpoint:
        row = await endpoints.disable_endpoint(principal=principal_of(info), endpoint_id=id)
        return WebhookEndpoint.from_model(row)

    @strawberry.mutation(
        description="A new secret, shown this once; the old one keeps signing for a grace period."
    )
    async def rotate_webhook_secret(self, info: Info, id: strawberry.ID) -> WebhookEndpointSecret:
        row, secret = await endpoints.rotate_secret(principal=principal_of(info), endpoint_id=id)
        return WebhookEndpointSecret(endpoint=WebhookEndpoint.from_model(row), secret=secret)

    @strawberry.mutation(description="Send a delivery again (PENDING, with fresh attempts).")
    async def redeliver_webhook(self, info: Info, delivery_id: strawberry.ID) -> WebhookDelivery:
        principal = principal_of(info)
        row = await endpoints.redeliver(principal=principal, delivery_id=delivery_id)
        full = await log.find_delivery(principal=principal, delivery_id=str(row.id))
        return WebhookDelivery.from_model(full)
