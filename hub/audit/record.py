"""Writing audit entries. Inside a transaction an entry is chained just before that transaction
commits (so it lands, or not, with the change it records); outside one it is written at once in
a transaction of its own.

Download addresses are issued by reads, sometimes hundreds in one GraphQL request; their entries
are collected while the request runs and written with one INSERT at its end.
"""

from __future__ import annotations

import json
from contextvars import ContextVar, Token
from typing import Any
from uuid import UUID

from hub import clock
from hub.audit import chain
from hub.auth.principal import Principal
from hub.logs.scrub import scrub_value
from hub.models import AuditEntry
from hub.transactions import before_commit, in_transaction

ANONYMOUS = "anonymous"
_pending: ContextVar[list[AuditEntry] | None] = ContextVar("pending_audit", default=None)


def new_entry(
    *,
    action: str,
    who: Principal | None,
    case_id: UUID | str | None = None,
    subject: str | None = None,
    outcome: str = "OK",
    address: str | None = None,
    details: dict[str, Any] | None = None,
    on_behalf: bool = False,
) -> AuditEntry:
    """An entry not yet chained; its texts scrubbed, its details as they read back from JSON."""
    plain = (
        json.loads(json.dumps(scrub_value(details), default=str)) if details is not None else None
    )
    return AuditEntry(
        at=clock.now(),
        actor=who.name if who else ANONYMOUS,
        role=str(who.role) if who else ANONYMOUS,
        on_behalf=on_behalf,
        action=action,
        case_id=case_id,
        subject=scrub_value(subject)[:100] if subject else None,
        outcome=outcome,
        address=address,
        details=plain,
    )


class _TransactionEntries:
    """The entries recorded in one transaction, chained just before it commits."""

    def __init__(self) -> None:
        self.entries: list[AuditEntry] = []

    async def __call__(self) -> None:
        entries, self.entries = self.entries, []
        await chain.append(entries)


async def add_entries(entries: list[AuditEntry]) -> None:
    """With the current transaction's change, or now in a transaction of their own."""
    if not entries:
        return
    pending = before_commit(_TransactionEntries(), key=_TransactionEntries)
    if pending is not None:
        pending.entries.extend(entries)
        return
    async with in_transaction(events=False):
        await chain.append(entries)


async def record_audit(
    *,
    who: Principal,
    action: str,
    case_id: UUID | None,
    subject: str,
    details: dict[str, Any],
    outcome: str = "OK",
) -> None:
    """Written with the caller's transaction, if any, else now."""
    await add_entries(
        [
            new_entry(
                action=action,
                who=who,
                case_id=case_id,
                subject=subject,
                details=details,
                outcome=outcome,
            )
        ]
    )


async def record_read_audit(
    *,
    who: Principal,
    action: str,
    case_id: UUID | None,
    subject: str,
    details: dict[str, Any],
) -> None:
    """For reads: joins the entries of the request being collected, or is written now."""
    entry = new_entry(action=action, who=who, case_id=case_id, subject=subject, details=details)
    pending = _pending.get()
    if pending is None:
        await add_entries([entry])
    else:
        pending.append(entry)


def collect_read_audits() -> Token:
    """From now on in this context, reads' entries are kept for `collected_read_audits`."""
    return _pending.set([])


def collected_read_audits(token: Token) -> list[AuditEntry]:
    """Stops collecting; the entries collected, still to be written."""
    pending = _pending.get() or []
    _pending.reset(token)
    return pending


async def write_audits(entries: list[AuditEntry]) -> None:
    """One INSERT for them all."""
    await add_entries(entries)
