"""The delivery log admins read: deliveries newest first, each delivery's attempts in order."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from hub.auth.principal import Principal
from hub.auth.visibility import parse_id
from hub.enums import WebhookDeliveryStatus
from hub.models import WebhookAttempt, WebhookDelivery
from hub.paging import Ordering, Page, SortKey, fetch_page, page_window
from hub.webhooks.endpoints import get_delivery, require_admin

DELIVERY_ORDER = Ordering(
    name="webhookDeliveries:CREATED_AT:DESC",
    keys=(
        SortKey("created_at", datetime, descending=True),
        SortKey("event_id", int, descending=True),
        SortKey("id", UUID),
    ),
    related=("event__case",),  # a delivery shows its event and the event's case number
)
ATTEMPT_ORDER = Ordering(
    name="webhookAttempts:NUMBER:ASC", keys=(SortKey("number", int), SortKey("id", int))
)


async def delivery_page(
    *,
    principal: Principal,
    first: int | None,
    after: str | None,
    endpoint_id: str | None = None,
    status: WebhookDeliveryStatus | None = None,
) -> Page[WebhookDelivery]:
    require_admin(principal)
    window = page_window(DELIVERY_ORDER, first=first, after=after)
    query = WebhookDelivery.all()
    if endpoint_id is not None:
        uid = parse_id(endpoint_id)
        query = query.filter(endpoint_id=uid) if uid else query.filter(id__in=[])
    if status is not None:
        query = query.filter(status=status)
    return await fetch_page(query, DELIVERY_ORDER, window)


async def find_delivery(*, principal: Principal, delivery_id: str) -> WebhookDelivery | None:
    """The delivery with its event and case, or None."""
    require_admin(principal)
    uid = parse_id(delivery_id)
    query = WebhookDelivery.filter(id=uid).select_related("event__case")
    return await query.first() if uid else None


async def attempt_page(
    *, principal: Principal, delivery_id: str, first: int | None, after: str | None
) -> Page[WebhookAttempt]:
    delivery = await get_delivery(principal=principal, delivery_id=delivery_id)
    window = page_window(ATTEMPT_ORDER, first=first, after=after)
    return await fetch_page(WebhookAttempt.filter(delivery_id=delivery.id), ATTEMPT_ORDER, window)
