from __future__ import annotations

import strawberry
from strawberry.types import Info

from hub.cases.orderings import case_ordering
from hub.cases.queries import CaseQuery, find_case, list_cases
from hub.errors import BadUserInput
from hub.materials.downloads import material_download_url
from hub.resolvers.context import principal_of
from hub.schema.cases import Case, CaseConnection, CaseFilter, CaseOrder
from hub.schema.common import Connection
from hub.values import InvalidInput


@strawberry.type
class CaseQueries:
    @strawberry.field(description="A case, or null when it does not exist or is not yours to see.")
    async def case(self, info: Info, id: strawberry.ID) -> Case | None:
        row = await find_case(principal=principal_of(info), case_id=id)
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
        order_by: CaseOrder | None = None,
        first: int | None = 20,
        after: str | None = None,
    ) -> CaseConnection:
        f, order = filter or CaseFilter(), order_by or CaseOrder()
        if isinstance(f.due_before, InvalidInput):
            raise BadUserInput.one("filter.dueBefore", f.due_before.reason)
        page = await list_cases(
            principal=principal_of(info),
            query=CaseQuery(
                status=f.status,
                utility=f.utility,
                overdue=f.overdue,
                due_before=f.due_before,
                search=f.search,
                applicant_uscc=f.applicant_uscc,
            ),
            ordering=case_ordering(order.field, order.direction),
            first=first,
            after=after,
        )
        return Connection.of(page, Case.from_model)
