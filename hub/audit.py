"""The audit trail: one row for every licence pulled and every download address issued."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from hub import clock
from hub.auth.principal import Principal
from hub.models import AuditEntry


async def record_audit(
    *,
    who: Principal,
    action: str,
    case_id: UUID | None,
    subject: str,
    details: dict[str, Any],
) -> None:
    await AuditEntry.create(
        at=clock.now(),
        actor=who.name,
        role=str(who.role),
        action=action,
        case_id=case_id,
        subject=subject,
        details=details,
    )
