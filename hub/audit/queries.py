"""The audit log admins read, newest first, in keyset pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from hub.auth.principal import Principal
from hub.auth.visibility import parse_id
from hub.enums import Role
from hub.errors import Forbidden
from hub.models import AuditEntry
from hub.paging import Ordering, Page, SortKey, fetch_page, page_window

AUDIT_ORDER = Ordering(name="auditLog:SEQ:DESC", keys=(SortKey("seq", int, descending=True),))


@dataclass(frozen=True)
class AuditQuery:
    actor: str | None = None
    action: str | None = None
    subject: str | None = None
    case_id: str | None = None
    outcome: str | None = None
    since: datetime | None = None  # inclusive
    until: datetime | None = None  # exclusive


def require_auditor(principal: Principal) -> None:
    if principal.role != Role.ADMIN:
        raise Forbidden("仅管理员可查看审计日志 (only admins may read the audit log)")


async def audit_page(
    *, principal: Principal, query: AuditQuery, first: int | None, after: str | None
) -> Page[AuditEntry]:
    require_auditor(principal)
    window = page_window(AUDIT_ORDER, first=first, after=after)
    rows = AuditEntry.all()
    for column, value in (
        ("actor", query.actor),
        ("action", query.action),
        ("subject", query.subject),
        ("outcome", query.outcome),
        ("at__gte", query.since),
        ("at__lt", query.until),
    ):
        if value is not None:
            rows = rows.filter(**{column: value})
    if query.case_id is not None:
        uid = parse_id(query.case_id)
        rows = rows.filter(case_id=uid) if uid else rows.filter(id__in=[])
    return await fetch_page(rows, AUDIT_ORDER, window)
