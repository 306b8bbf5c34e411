"""The queue's webhook jobs (arq in `hub worker`, or the in-process runner)."""

from __future__ import annotations

from hub.webhooks.delivery import deliver, sweep_webhooks
from hub.webhooks.dispatch import dispatch_events


async def webhook_dispatch(_ctx: dict) -> dict:
    return {"deliveries": await dispatch_events()}


async def webhook_deliver(_ctx: dict, delivery_id: str, attempt: int) -> str:
    return await deliver(delivery_id=delivery_id, attempt=attempt)


async def webhook_sweep(_ctx: dict) -> dict:
    result = await sweep_webhooks()
    return {"deliveries": result.deliveries_made, "queued": result.queued}
