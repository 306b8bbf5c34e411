"""The audit log (admins)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from hub.audit.queries import AuditQuery, audit_page
from hub.errors import BadUserInput
from hub.resolvers.context import principal_of
from hub.schema.audit import AuditEntry, AuditEntryConnection, AuditFilter
from hub.schema.common import Connection
from hub.values import InvalidInput


@strawberry.type
class AuditQueries:
    @strawberry.field(
        description="审计日志，最新在前（仅管理员） (the audit log, newest first; admins only)."
    )
    async def audit_log(
        self,
        info: Info,
        filter: AuditFilter | None = None,
        first: int | None = 20,
        after: str | None = None,
    ) -> AuditEntryConnection:
        f = filter or AuditFilter()
        for name, value in (("since", f.since), ("until", f.until)):
            if isinstance(value, InvalidInput):
                raise BadUserInput.one(f"filter.{name}", value.reason)
        page = await audit_page(
            principal=principal_of(info),
            query=AuditQuery(
                actor=f.actor,
                action=f.action,
                subject=f.object,
                case_id=f.case_id,
                outcome=f.outcome,
                since=f.since,
                until=f.until,
            ),
            first=first,
            after=after,
        )
        return Connection.of(page, AuditEntry.from_model)
