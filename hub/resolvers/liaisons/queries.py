"""Queries of liaisons and inquiries."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.liaisons.inquiry_reads import InquiryCriteria, find_inquiry, inquiry_page
from hub.liaisons.roster import list_liaisons
from hub.resolvers.arguments import AFTER, FIRST, INQUIRY_ID
from hub.resolvers.context import principal_of
from hub.schema.common import Connection
from hub.schema.enums import Unit
from hub.schema.liaisons import Inquiry, InquiryConnection, InquiryFilter, Liaison


@strawberry.type
class LiaisonQueries:
    @strawberry.field(
        description="成员单位的联络员通讯录，单位按 SERVICE_CENTRE、WATER、POWER、GAS "
        "排列（任何持令牌者；"
        "申请人看到的个人手机号打码）。The member units' liaisons as a contact list, units in the "
        "order SERVICE_CENTRE, WATER, POWER, GAS (anyone with a token; applicants see personal "
        "mobiles masked)."
    )
    async def liaisons(
        self,
        info: Info,
        unit: Annotated[
            Unit | None,
            strawberry.argument(
                description="只列该单位的；null 为全部。Only this unit's; null: all."
            ),
        ] = None,
    ) -> list[Liaison]:
        principal = principal_of(info)
        rows = await list_liaisons(principal=principal, unit=unit)
        return [Liaison.from_model(row, principal) for row in rows]

    @strawberry.field(
        description="调用方可见的问题，最新提出的在前，按键集游标分页。The inquiries the caller "
        "may see, newest first, in keyset pages. Errors: BAD_USER_INPUT (first, after)."
    )
    async def inquiries(
        self,
        info: Info,
        filter: Annotated[
            InquiryFilter | None,
            strawberry.argument(description="筛选条件；null 为全部。Filters; null: all."),
        ] = None,
        first: Annotated[int | None, FIRST] = 20,
        after: Annotated[str | None, AFTER] = None,
    ) -> InquiryConnection:
        f = filter or InquiryFilter()
        criteria = InquiryCriteria(
            unit=f.unit,
            statuses=tuple(f.status) if f.status is not None else None,
            overdue=f.overdue,
            case_id=f.case_id,
        )
        page = await inquiry_page(
            principal=principal_of(info), criteria=criteria, first=first, after=after
        )
        return Connection.of(page, Inquiry.from_model)

    @strawberry.field(
        description="一个问题；不存在或调用方看不到时为 null。One inquiry; null when there is none "
        "or the caller may not see it."
    )
    async def inquiry(self, info: Info, id: Annotated[strawberry.ID, INQUIRY_ID]) -> Inquiry | None:
        row = await find_inquiry(principal=principal_of(info), inquiry_id=id)
        return Inquiry.from_model(row) if row else None
