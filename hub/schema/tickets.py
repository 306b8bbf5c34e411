"""A utility's ticket on an accepted case, and its result feedback form."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from hub import clock
from hub.enums import TicketStatus as TicketStatusValue
from hub.models import ResultFeedback as ResultRow
from hub.models import Ticket as TicketRow
from hub.schema.common import Connection
from hub.schema.documents import Document
from hub.schema.enums import (
    OrderDirection,
    ResultOutcome,
    ReviewDecision,
    TicketOrderField,
    TicketStatus,
    Utility,
)
from hub.schema.rows import from_row
from hub.schema.scalars import JSON, DateTime, Decimal, money
from hub.workflow.ticket_flow import OPEN_STATES

if TYPE_CHECKING:
    from hub.schema.cases import Case

CaseType = Annotated["Case", strawberry.lazy("hub.schema.cases")]


@strawberry.type(description="The result feedback form (办理结果反馈表, Attachment 6).")
class ResultFeedback:
    outcome: ResultOutcome
    external_works: bool | None
    renovation_advice: str | None
    design_plan: str | None
    quote_amount: Decimal | None
    external_works_info: str | None
    missing_materials: list[str] | None
    reasons: str | None
    zero_visit: bool | None
    zero_approval: bool | None
    zero_cost: bool | None
    submitted_at: DateTime
    submitted_by: str

    @classmethod
    def from_model(cls, row: ResultRow) -> ResultFeedback:
        return from_row(cls, row, quote_amount=money(row.quote_amount))


def is_overdue(row: TicketRow) -> bool:
    if row.status not in OPEN_STATES:
        return False
    due = row.review_due_at if row.status == TicketStatusValue.PENDING_REVIEW else None
    if row.status == TicketStatusValue.SURVEYED:
        due = row.feedback_due_at
    return due is not None and due < clock.now()


@strawberry.type
class Ticket:
    row: strawberry.Private[TicketRow]
    id: strawberry.ID
    utility: Utility
    status: TicketStatus
    dispatched_at: DateTime
    review_started_at: DateTime | None
    review_due_at: DateTime | None
    feedback_due_at: DateTime | None
    overdue: bool
    decision: ReviewDecision | None
    reasons: str | None
    corrections: JSON | None
    surveyed_at: DateTime | None

    @classmethod
    def from_model(cls, row: TicketRow) -> Ticket:
        return from_row(cls, row, row=row, overdue=is_overdue(row))

    @strawberry.field
    async def case(self, info: Info) -> CaseType:
        from hub.schema.cases import Case

        return Case.from_model(await info.context.loaders.case_by_id.load(self.row.case_id))

    @strawberry.field
    async def result(self, info: Info) -> ResultFeedback | None:
        row = await info.context.loaders.result_by_ticket.load(self.row.id)
        return ResultFeedback.from_model(row) if row else None

    @strawberry.field
    async def documents(
        self, info: Info, include_superseded: bool | None = False
    ) -> list[Document]:
        rows = await info.context.loaders.documents_by_case.load(self.row.case_id)
        return [
            Document.from_model(d)
            for d in rows
            if d.ticket_id == self.row.id and (include_superseded or d.superseded_at is None)
        ]


TicketConnection = Connection[Ticket]


@strawberry.input(description="The order of a ticket list; ties are broken by the ticket's id.")
class TicketOrder:
    field: TicketOrderField = TicketOrderField.DISPATCHED_AT
    direction: OrderDirection = OrderDirection.ASC


@strawberry.input
class TicketFilter:
    status: list[TicketStatus] | None = None
    utility: Utility | None = None
    overdue: bool | None = None
    due_before: DateTime | None = None
