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
        return cls(
            id=strawberry.ID(str(row.id)),
            utility=row.utility,
            url=row.url,
            event_types=list(row.event_types or []),
            description=row.description,
            enabled=row.enabled,
            secret_hint=secret_hint(row.secret),
            created_by=row.created_by,
            created_at=row.created_at,
            updated_at=row.updated_at,
            secret_rotated_at=row.secret_rotated_at,
        )


@strawberry.type(description="An endpoint with its signing secret: shown this once only.")
class WebhookEndpointSecret:
    endpoint: WebhookEndpoint
    secret: str


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
        return cls(
            id=strawberry.ID(str(row.id)),
            endpoint_id=strawberry.ID(str(row.endpoint_id)),
            event=CaseEvent.from_model(row.event, row.event.case.case_no),
            status=row.status,
            attempts=row.attempts,
            redeliveries=row.redeliveries,
            last_status_code=row.last_status_code,
            last_error=row.last_error,
            last_attempt_at=row.last_attempt_at,
            next_attempt_at=row.next_attempt_at,
            delivered_at=row.delivered_at,
            created_at=row.created_at,
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
        return cls(
            number=row.number,
            at=row.at,
            status_code=row.status_code,
            error=row.error,
            duration_ms=row.duration_ms,
            succeeded=row.succeeded,
        )


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
