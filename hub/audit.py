"""The audit trail: one row for every licence pulled and every download address issued.

Download addresses are issued by reads, sometimes hundreds in one GraphQL request; their rows
are collected while the request runs and written with one INSERT at its end.
"""

from __future__ import annotations

from contextvars import ContextVar, Token
from typing import Any
from uuid import UUID

from hub import clock
from hub.auth.principal import Principal
from hub.models import AuditEntry

_pending: ContextVar[list[AuditEntry] | None] = ContextVar("pending_audit", default=None)


def _entry(who: Principal, action: str, case_id: UUID | None, subject: str, details) -> AuditEntry:
    return AuditEntry(
        at=clock.now(),
        actor=who.name,
        role=str(who.role),
        action=action,
        case_id=case_id,
        subject=subject,
        details=details,
    )


async def record_audit(
    *,
    who: Principal,
    action: str,
    case_id: UUID | None,
    subject: str,
    details: dict[str, Any],
) -> None:
    """Written now (in the caller's transaction, if any)."""
    await _entry(who, action, case_id, subject, details).save()


async def record_read_audit(
    *,
    who: Principal,
    action: str,
    case_id: UUID | None,
    subject: str,
    details: dict[str, Any],
) -> None:
    """For reads: joins the rows of the request being collected, or is written now."""
    entry = _entry(who, action, case_id, subject, details)
    pending = _pending.get()
    if pending is None:
        await entry.save()
    else:
        pending.append(entry)


def collect_read_audits() -> Token:
    """From now on in this context, reads' rows are kept for `collected_read_audits`."""
    return _pending.set([])


def collected_read_audits(token: Token) -> list[AuditEntry]:
    """Stops collecting; the rows collected, still to be written."""
    pending = _pending.get() or []
    _pending.reset(token)
    return pending


async def write_audits(entries: list[AuditEntry]) -> None:
    """One INSERT for them all."""
    if entries:
        await AuditEntry.bulk_create(entries)
