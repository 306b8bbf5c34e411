"""Mutations of liaisons and inquiries."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.liaisons import inquiries
from hub.liaisons.roster import LiaisonEntry, set_liaisons
from hub.resolvers.arguments import INQUIRY_ID
from hub.resolvers.context import principal_of
from hub.schema.enums import Unit
from hub.schema.liaisons import Inquiry, InquiryInput, Liaison, LiaisonInput
from hub.schema.scalars import Date


@strawberry.type
class LiaisonMutations:
    @strawberry.mutation(
        description="替换某单位的联络员名单（仅管理员），须 1 至 2 名。Replace a unit's liaisons "
        "(admins only): one or two. Errors: FORBIDDEN, BAD_USER_INPUT (none or more than two, a "
        "blank name, a phone that is neither a mobile nor a landline)."
    )
    async def set_liaisons(
        self,
        info: Info,
        unit: Annotated[Unit, strawberry.argument(description="单位。The unit.")],
        liaisons: Annotated[
            list[LiaisonInput],
            strawberry.argument(
                description="新名单，按显示顺序，1 至 2 名。The new list, in display order, one or "
                "two."
            ),
        ],
    ) -> list[Liaison]:
        principal = principal_of(info)
        rows = await set_liaisons(
            principal=principal,
            unit=unit,
            entries=[LiaisonEntry(e.name, e.phone, e.user_id) for e in liaisons],
        )
        return [Liaison.from_model(row, principal) for row in rows]

    @strawberry.mutation(
        description="向成员单位提出问题（窗口、供能企业、联络员、管理员；申请人仅就本企业案件），1 "
        "个工作日"
        "的答复时限立即开始；关于案件的问题产生事件 INQUIRY_RAISED。Raise an inquiry to a unit "
        "(window, utility staff, liaisons, admins; applicants about their own cases only); its "
        "one-working-day clock starts at once; one about a case records INQUIRY_RAISED. Errors: "
        "FORBIDDEN, NOT_FOUND (case), BAD_USER_INPUT (question, an applicant without caseId)."
    )
    async def raise_inquiry(
        self,
        info: Info,
        input: Annotated[
            InquiryInput,
            strawberry.argument(description="单位、案件和问题。The unit, case and question."),
        ],
    ) -> Inquiry:
        row = await inquiries.raise_inquiry(
            principal=principal_of(info),
            unit=input.unit,
            case_id=input.case_id,
            question=input.question,
        )
        return Inquiry.from_model(row)

    @strawberry.mutation(
        description="答复问题（被问单位的联络员和工作人员、管理员）：OPEN 或 PLANNED 变为 "
        "ANSWERED，"
        "时限停止；事件 INQUIRY_ANSWERED。Answer an inquiry (the unit's liaisons and staff, "
        "admins): OPEN or PLANNED becomes ANSWERED and the clock stops; event INQUIRY_ANSWERED. "
        "Errors: NOT_FOUND, FORBIDDEN, INVALID_STATE (already ANSWERED), BAD_USER_INPUT, CONFLICT."
    )
    async def answer_inquiry(
        self,
        info: Info,
        inquiry_id: Annotated[strawberry.ID, INQUIRY_ID],
        answer: Annotated[
            str,
            strawberry.argument(
                description="答复，1 至 4000 字符。The answer, 1 to 4000 characters."
            ),
        ],
    ) -> Inquiry:
        row = await inquiries.answer_inquiry(
            principal=principal_of(info), inquiry_id=inquiry_id, answer=answer
        )
        return Inquiry.from_model(row)

    @strawberry.mutation(
        description="不能当即解决时给出解决计划和日期（被问单位、管理员）：OPEN 变为 PLANNED，"
        "时限停止；"
        "之后仍须答复；事件 INQUIRY_PLANNED。Give a plan and a date when it cannot be solved at "
        "once (the unit, admins): OPEN becomes PLANNED and the clock stops; an answer still "
        "follows; event INQUIRY_PLANNED. Errors: NOT_FOUND, FORBIDDEN, INVALID_STATE (not OPEN), "
        "BAD_USER_INPUT (blank plan, a date before today), CONFLICT."
    )
    async def plan_inquiry(
        self,
        info: Info,
        inquiry_id: Annotated[strawberry.ID, INQUIRY_ID],
        plan: Annotated[
            str,
            strawberry.argument(
                description="解决计划，1 至 4000 字符。The plan, 1 to 4000 characters."
            ),
        ],
        plan_date: Annotated[
            Date,
            strawberry.argument(
                description="计划解决日期（本地日期，不早于今天）。The date it will be solved by "
                "(local, today or later)."
            ),
        ],
    ) -> Inquiry:
        row = await inquiries.plan_inquiry(
            principal=principal_of(info), inquiry_id=inquiry_id, plan=plan, plan_date=plan_date
        )
        return Inquiry.from_model(row)

    @strawberry.mutation(
        description="答复（或计划）不足时重新打开（窗口、管理员、申请人、提问人）：ANSWERED 或 "
        "PLANNED "
        "变回 OPEN，新的 1 个工作日时限开始；事件 INQUIRY_REOPENED。Reopen an inquiry whose answer "
        "(or plan) is not enough (the window, admins, the applicant, the raiser): ANSWERED or "
        "PLANNED becomes OPEN with a new one-working-day clock; event INQUIRY_REOPENED. Errors: "
        "NOT_FOUND, FORBIDDEN, INVALID_STATE (OPEN), BAD_USER_INPUT (blank reason), CONFLICT."
    )
    async def reopen_inquiry(
        self,
        info: Info,
        inquiry_id: Annotated[strawberry.ID, INQUIRY_ID],
        reason: Annotated[
            str,
            strawberry.argument(
                description="为何不足，1 至 4000 字符。Why it is not enough, 1 to 4000 characters."
            ),
        ],
    ) -> Inquiry:
        row = await inquiries.reopen_inquiry(
            principal=principal_of(info), inquiry_id=inquiry_id, reason=reason
        )
        return Inquiry.from_model(row)
