"""The queue's notification job (arq in `hub worker`, or the in-process runner)."""

from __future__ import annotations

from hub.notifications.delivery import send_notification


async def notification_send(_ctx: dict, notification_id: str, attempt: int) -> str:
    return await send_notification(notification_id=notification_id, attempt=attempt)
