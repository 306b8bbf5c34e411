from __future__ import annotations

import strawberry
from strawberry.types import Info

from hub.auth.visibility import parse_id, visible_cases
from hub.cases.queries import CaseQuery, filter_cases
from hub.errors import BadUserInput
from hub.materials.downloads import material_download_url
from hub.resolvers.context import principal_of
from hub.schema.cases import Case, CaseConnection, CaseEdge, CaseFilter
from hub.schema.common import paginate
from hub.values import InvalidInput


@strawberry.type
class CaseQueries:
    @strawberry.field(description="A case, or null when it does not exist or is not yours to see.")
    async def case(self, info: Info, id: strawberry.ID) -> Case | None:
        uid = parse_id(id)
        row = await visible_cases(principal_of(info)).filter(id=uid).first() if uid else None
        return Case.from_model(row) if row else None

    @strawberry.field(
        description="An expiring download address of a material (audited); FORBIDDEN when "
        "the caller's utility does not need it."
    )
    async def material_download_url(
        self, info: Info, material_id: strawberry.ID, ttl_seconds: int | None = None
    ) -> str:
        return await material_download_url(
            principal=principal_of(info), material_id=material_id, ttl_seconds=ttl_seconds
        )

    @strawberry.field(description="Cases the caller may see, newest first.")
    async def cases(
        self,
        info: Info,
        filter: CaseFilter | None = None,
        first: int | None = 20,
        after: str | None = None,
    ) -> CaseConnection:
        f = filter or CaseFilter()
        if isinstance(f.due_before, InvalidInput):
            raise BadUserInput.one("filter.dueBefore", f.due_before.reason)
        query = filter_cases(
            principal_of(info),
            CaseQuery(
                status=f.status,
                utility=f.utility,
                overdue=f.overdue,
                due_before=f.due_before,
                search=f.search,
                applicant_uscc=f.applicant_uscc,
            ),
        )
        return await paginate(
            query,
            first=first,
            after=after,
            order_by=("-created_at", "-id"),
            edge=CaseEdge,
            connection=CaseConnection,
            node=Case.from_model,
        )
