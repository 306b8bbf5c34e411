"""The audit log (admins)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.audit.queries import AuditQuery, audit_page
from hub.errors import BadUserInput
from hub.resolvers.arguments import AFTER, FIRST
from hub.resolvers.context import principal_of
from hub.schema.audit import AuditEntry, AuditEntryConnection, AuditFilter
from hub.schema.common import Connection
from hub.values import InvalidInput


@strawberry.type
class AuditQueries:
    @strawberry.field(
        description="审计日志，最新在前（仅管理员，其他角色为 FORBIDDEN）。The audit log, newest "
        "first (admins only; anyone else gets FORBIDDEN). Errors: UNAUTHENTICATED, FORBIDDEN, "
        "BAD_USER_INPUT."
    )
    async def audit_log(
        self,
        info: Info,
        filter: Annotated[
            AuditFilter | None,
            strawberry.argument(
                description="筛选条件，各项同时满足；不填为全部。Conditions, all of which an entry "
                "must meet; none: every entry."
            ),
        ] = None,
        first: Annotated[int | None, FIRST] = 20,
        after: Annotated[str | None, AFTER] = None,
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
