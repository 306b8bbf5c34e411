"""The queue's webhook jobs (arq in `hub worker`, or the in-process runner) and the periodic
webhook sweep."""

from __future__ import annotations

from hub.jobs.constants import WEBHOOK_SWEEP_JOB
from hub.jobs.periodic import PeriodicJob
from hub.webhooks.delivery import deliver, sweep_webhooks
from hub.webhooks.dispatch import dispatch_events


async def webhook_dispatch(_ctx: dict, up_to: int | None = None) -> dict:
    return {"deliveries": await dispatch_events(up_to=up_to)}


async def webhook_deliver(_ctx: dict, delivery_id: str, attempt: int) -> str:
    return await deliver(delivery_id=delivery_id, attempt=attempt)


async def _sweep_summary() -> dict:
    result = await sweep_webhooks()
    return {"deliveries": result.deliveries_made, "queued": result.queued}


WEBHOOK_SWEEP = PeriodicJob(name=WEBHOOK_SWEEP_JOB, run=_sweep_summary, second=45)
