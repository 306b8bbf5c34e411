"""A utility's ticket on an accepted case, and its result feedback form."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from hub import clock
from hub.enums import Role
from hub.enums import TicketStatus as TicketStatusValue
from hub.models import ResultFeedback as ResultRow
from hub.models import Ticket as TicketRow
from hub.schema.common import Connection
from hub.schema.documents import Document
from hub.schema.enums import (
    OrderDirection,
    ResultOutcome,
    ReviewDecision,
    TicketAction,
    TicketOrderField,
    TicketStatus,
    Utility,
)
from hub.schema.loaded import NOT_LOADED, already_loaded, selected_below
from hub.schema.result_form import RESULT_FORM_FIELDS
from hub.schema.rows import from_row
from hub.schema.scalars import JSON, DateTime, Decimal, money
from hub.workflow.ticket_flow import OPEN_STATES, allowed_ticket_actions

if TYPE_CHECKING:
    from hub.schema.cases import Case

CaseType = Annotated["Case", strawberry.lazy("hub.schema.cases")]


F = RESULT_FORM_FIELDS


@strawberry.type(
    description="供能企业提交的办理结果反馈表（附件6），各方可见（结果互通）。The result feedback "
    "form (办理结果反馈表, Attachment 6) a utility submitted; every party of the case sees it."
)
class ResultFeedback:
    outcome: ResultOutcome = strawberry.field(description=F["outcome"])
    external_works: bool | None = strawberry.field(description=F["external_works"])
    renovation_advice: str | None = strawberry.field(description=F["renovation_advice"])
    design_plan: str | None = strawberry.field(description=F["design_plan"])
    quote_amount: Decimal | None = strawberry.field(description=F["quote_amount"])
    external_works_info: str | None = strawberry.field(description=F["external_works_info"])
    missing_materials: list[str] | None = strawberry.field(description=F["missing_materials"])
    reasons: str | None = strawberry.field(description=F["reasons"])
    zero_visit: bool | None = strawberry.field(description=F["zero_visit"])
    zero_approval: bool | None = strawberry.field(description=F["zero_approval"])
    zero_cost: bool | None = strawberry.field(description=F["zero_cost"])
    submitted_at: DateTime = strawberry.field(description="提交时间。When it was submitted.")
    submitted_by: str = strawberry.field(
        description="提交人（登录名）。Who submitted it (the account's name)."
    )

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


@strawberry.type(
    description="一个供能企业在已受理案件上的工单：审查、勘察、结果反馈。只有本单位人员（或管理员）"
    "可办理。A utility's ticket on an accepted case: review, survey, result; only that "
    "utility's staff (or an admin) act on it."
)
class Ticket:
    row: strawberry.Private[TicketRow]
    id: strawberry.ID = strawberry.field(
        description="工单 ID（不透明字符串，各处一致）。The ticket's opaque id, the same "
        "everywhere."
    )
    utility: Utility = strawberry.field(description="办理的供能企业。The utility it is for.")
    status: TicketStatus = strawberry.field(description="工单状态。The ticket's state.")
    dispatched_at: DateTime = strawberry.field(
        description="派发时间（案件受理时）。When it was dispatched, at the case's acceptance."
    )
    review_started_at: DateTime | None = strawberry.field(
        description="本轮审查开始时间：派发或最近一次补正重新提交。When the current review "
        "began: the dispatch or the latest resubmission."
    )
    review_due_at: DateTime | None = strawberry.field(
        description="审查截止时间（审查开始后 0.5 个工作日）。The review deadline, 0.5 working "
        "day after the review began."
    )
    feedback_due_at: DateTime | None = strawberry.field(
        description="结果反馈截止时间（勘察后 1 个工作日）；勘察前为 null。The result feedback "
        "deadline, 1 working day after the survey; null before it."
    )
    overdue: bool = strawberry.field(
        description="PENDING_REVIEW 已过 reviewDueAt，或 SURVEYED 已过 feedbackDueAt。True when "
        "PENDING_REVIEW past reviewDueAt, or SURVEYED past feedbackDueAt."
    )
    decision: ReviewDecision | None = strawberry.field(
        description="最近一次审查结论；审查前为 null。The latest review decision; null before "
        "the first review."
    )
    reasons: str | None = strawberry.field(
        description="审查说明（不符合条件时必填，最多 4000 字符）。The review's reasons, "
        "required for INELIGIBLE (at most 4000 characters)."
    )
    corrections: JSON | None = strawberry.field(
        description="需补正时的补正项 [{requirementCode, note}]；其他结论为 null。The correction "
        "items of a NEEDS_CORRECTION review, [{requirementCode, note}]; null otherwise."
    )
    surveyed_at: DateTime | None = strawberry.field(
        description="勘察完成时间；勘察前为 null。When the site survey was done; null before."
    )

    @classmethod
    def from_model(cls, row: TicketRow) -> Ticket:
        return from_row(cls, row, row=row, overdue=is_overdue(row))

    @strawberry.field(description="工单所属案件。The ticket's case.")
    def case(self, info: Info) -> CaseType:
        from hub.schema.cases import Case

        row = already_loaded(info.context.loaders.case_by_id, self.row.case_id)
        if row is NOT_LOADED:
            return self._case_when_loaded(info)
        return Case.from_model(row)

    async def _case_when_loaded(self, info: Info) -> CaseType:
        from hub.schema.cases import Case

        return Case.from_model(await info.context.loaders.case_by_id.load(self.row.case_id))

    @strawberry.field(
        description="办理结果反馈表；RESULT_SUBMITTED 前为 null。The result feedback form; null "
        "before RESULT_SUBMITTED."
    )
    def result(self, info: Info) -> ResultFeedback | None:
        row = already_loaded(info.context.loaders.result_by_ticket, self.row.id)
        if row is NOT_LOADED:
            return self._result_when_loaded(info)
        return ResultFeedback.from_model(row) if row else None

    async def _result_when_loaded(self, info: Info) -> ResultFeedback | None:
        row = await info.context.loaders.result_by_ticket.load(self.row.id)
        return ResultFeedback.from_model(row) if row else None

    @strawberry.field(
        description="本工单的现行文书（办理结果反馈表）。The ticket's current notices (its "
        "result feedback form)."
    )
    async def documents(
        self,
        info: Info,
        include_superseded: Annotated[
            bool | None,
            strawberry.argument(
                description="为 true 时也列出已被新版本取代的文书。True: also the versions that "
                "newer ones superseded."
            ),
        ] = False,
    ) -> list[Document]:
        rows = await info.context.loaders.documents_by_case.load(self.row.case_id)
        return [
            Document.from_model(d)
            for d in rows
            if d.ticket_id == self.row.id and (include_superseded or d.superseded_at is None)
        ]

    @strawberry.field(
        description="调用者此刻可对工单执行的动作（按状态、角色和单位：供能企业只办本单位的工单），"
        "其他动作会得到 INVALID_STATE 或 FORBIDDEN。The actions the caller may take on the ticket "
        "now, by state, role and utility (a utility acts on its own tickets only); any other "
        "answers INVALID_STATE or FORBIDDEN."
    )
    def allowed_actions(self, info: Info) -> list[TicketAction]:
        principal = info.context.principal
        if principal.role == Role.UTILITY and principal.utility != self.row.utility:
            return []
        return allowed_ticket_actions(self.row.status, principal.role)


TicketConnection = Connection[Ticket]


@strawberry.input(
    description="工单列表的排序；相同时按工单 ID。The order of a ticket list; ties are broken "
    "by the ticket's id."
)
class TicketOrder:
    field: TicketOrderField = strawberry.field(
        default=TicketOrderField.DISPATCHED_AT, description="排序字段。What to sort by."
    )
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description="排序方向。The direction."
    )


@strawberry.input(
    description="工单列表的筛选条件，各条件同时满足；只在调用者可见的工单中筛选。Filters of a "
    "ticket list, all of which must hold, over the tickets the caller may see."
)
class TicketFilter:
    status: list[TicketStatus] | None = strawberry.field(
        default=None, description="状态之一。In one of these states."
    )
    utility: Utility | None = strawberry.field(
        default=None, description="该供能企业的工单。Tickets of this utility."
    )
    overdue: bool | None = strawberry.field(
        default=None,
        description="true：进行中的审查或结果反馈已过期；false：未过期。True: its open review "
        "or result clock is past its deadline; false: it is not.",
    )
    due_before: DateTime | None = strawberry.field(
        default=None,
        description="进行中的审查或结果反馈在此时间前到期。Its open review or result clock ends "
        "before this moment.",
    )


async def prefetch_tickets(info: Info, rows: list[TicketRow], *path: str) -> None:
    """For a page of tickets, what `prefetch` in hub/schema/cases.py does for cases: their cases
    (and what those cases' selected fields answer from) and results, loaded at once so the
    fields answer without awaiting. A failure is left for the field to meet."""
    if not rows:
        return
    selected = selected_below(info, *path)
    loaders = info.context.loaders
    loads = []
    if "case" in selected:
        loads.append(_cases_of(info, rows, *path))
    if "result" in selected:
        loads.append(loaders.result_by_ticket.load_many([r.id for r in rows]))
    if loads:
        await asyncio.gather(*loads, return_exceptions=True)


async def _cases_of(info: Info, rows: list[TicketRow], *path: str) -> None:
    from hub.schema.cases import prefetch

    case_ids = list(dict.fromkeys(r.case_id for r in rows))
    cases = await info.context.loaders.case_by_id.load_many(case_ids)
    await prefetch(info, [c for c in cases if c is not None], *path, "case")
