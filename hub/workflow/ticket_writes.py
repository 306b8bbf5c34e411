"""Every write of a ticket's state goes through here: only if nobody changed it since it was
read (a withdrawal racing a review must not revive a cancelled ticket)."""

from __future__ import annotations

from hub.errors import Conflict
from hub.models import Ticket


async def save_ticket(ticket: Ticket, **changes) -> None:
    updated = await Ticket.filter(id=ticket.id, version=ticket.version).update(
        version=ticket.version + 1, **changes
    )
    if updated != 1:
        raise Conflict("工单已被他人同时修改，请刷新后重试 (the ticket changed meanwhile)")
    ticket.version += 1
    for name, value in changes.items():
        setattr(ticket, name, value)
