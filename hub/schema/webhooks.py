"""Webhook endpoints, their deliveries and attempts (admin configuration)."""

from __future__ import annotations

import strawberry

from hub import enums
from hub.models import WebhookAttempt as WebhookAttemptRow
from hub.models import WebhookDelivery as WebhookDeliveryRow
from hub.models import WebhookEndpoint as WebhookEndpointRow
from hub.schema.common import Connection
from hub.schema.enums import Utility
from hub.schema.events import CaseEvent
from hub.schema.rows import from_row, graphql_id
from hub.schema.scalars import DateTime
from hub.webhooks.signing import secret_hint

WebhookDeliveryStatus = strawberry.enum(enums.WebhookDeliveryStatus)


@strawberry.type(description="A utility portal's address for signed case events.")
class WebhookEndpoint:
    id: strawberry.ID
    utility: Utility
    url: str
    event_types: list[str] = strawberry.field(description="Event types sent; empty: all.")
    description: str | None
    enabled: bool
    secret_hint: str = strawberry.field(description="The secret's last 4 characters.")
    created_by: str
    created_at: DateTime
    updated_at: DateTime
    secret_rotated_at: DateTime | None

    @classmethod
    def from_model(cls, row: WebhookEndpointRow) -> WebhookEndpoint:
        return from_row(
            cls,
            row,
            event_types=list(row.event_types or []),
            secret_hint=secret_hint(row.secret),
        )


@strawberry.type(description="An endpoint with its signing secret: shown this once only.")
class WebhookEndpointSecret:
    endpoint: WebhookEndpoint
    secret: str = strawberry.field(
        description="A Standard Webhooks secret (`whsec_` + base64 key): each delivery carries "
        "`webhook-id`, `webhook-timestamp` and `webhook-signature`, which the `standardwebhooks` "
        "libraries verify with it."
    )


@strawberry.type(description="One event for one endpoint, sent until a 2xx or FAILED.")
class WebhookDelivery:
    id: strawberry.ID
    endpoint_id: strawberry.ID
    event: CaseEvent
    status: WebhookDeliveryStatus
    attempts: int = strawberry.field(description="Every attempt so far, redeliveries included.")
    redeliveries: int
    last_status_code: int | None
    last_error: str | None
    last_attempt_at: DateTime | None
    next_attempt_at: DateTime | None
    delivered_at: DateTime | None
    created_at: DateTime

    @classmethod
    def from_model(cls, row: WebhookDeliveryRow) -> WebhookDelivery:
        """`row.event` and `row.event.case` must be loaded (select_related)."""
        return from_row(
            cls,
            row,
            endpoint_id=graphql_id(row.endpoint_id),
            event=CaseEvent.from_model(row.event, row.event.case.case_no),
        )


WebhookDeliveryConnection = Connection[WebhookDelivery]


@strawberry.type(description="One HTTP attempt of a delivery.")
class WebhookAttempt:
    number: int
    at: DateTime
    status_code: int | None
    error: str | None
    duration_ms: int
    succeeded: bool

    @classmethod
    def from_model(cls, row: WebhookAttemptRow) -> WebhookAttempt:
        return from_row(cls, row)


WebhookAttemptConnection = Connection[WebhookAttempt]


@strawberry.input
class RegisterWebhookInput:
    utility: Utility
    url: str
    event_types: list[str] = strawberry.field(
        default_factory=list, description="Event types to send (CaseEvent.type); empty: all."
    )
    description: str | None = None


@strawberry.input(description="Fields left out (or null) stay as they are.")
class UpdateWebhookInput:
    url: str | None = None
    event_types: list[str] | None = None
    description: str | None = None
    enabled: bool | None = None
