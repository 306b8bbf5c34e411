"""Liaisons of the member units and the inquiries (问题协调) raised to them."""

from __future__ import annotations

import strawberry

from hub.auth.principal import Principal
from hub.liaisons.inquiry_reads import is_overdue
from hub.liaisons.roster import phone_shown_to
from hub.models import Inquiry as InquiryRow
from hub.models import Liaison as LiaisonRow
from hub.schema.common import Connection
from hub.schema.enums import InquiryStatus, Unit
from hub.schema.rows import from_row, graphql_id
from hub.schema.scalars import Date, DateTime


@strawberry.type(
    description="成员单位的联络员（每单位 1 至 2 名），供各方联系。A member unit's liaison (one or "
    "two per unit), for everyone to contact."
)
class Liaison:
    id: strawberry.ID = strawberry.field(description="联络员 id。The liaison's opaque id.")
    unit: Unit = strawberry.field(description="所属单位。The unit the liaison speaks for.")
    name: str = strawberry.field(description="姓名，最多 50 字符。The name, at most 50 characters.")
    phone: str = strawberry.field(
        description="联系电话：单位固定电话完整显示；个人手机号对申请人打码（如 138****0000）。The "
        "phone: a unit's landline in full; a personal mobile masked for applicants "
        "(138****0000)."
    )
    user_id: strawberry.ID | None = strawberry.field(
        description="关联的用户 id（该单位的 LIAISON 角色用户）；未关联为 null。The linked user's "
        "id (a user with the LIAISON role for the unit); null when none."
    )

    @classmethod
    def from_model(cls, row: LiaisonRow, principal: Principal) -> Liaison:
        return from_row(
            cls, row, phone=phone_shown_to(principal, row.phone), user_id=graphql_id(row.user_id)
        )


@strawberry.input(description="一名联络员。One liaison.")
class LiaisonInput:
    name: str = strawberry.field(
        description="姓名，1 至 50 字符，否则为 BAD_USER_INPUT。The name, 1 to 50 characters, else "
        "BAD_USER_INPUT."
    )
    phone: str = strawberry.field(
        description="手机号或带区号的固定电话（如 13800000000、0751-8877817），否则为 "
        "BAD_USER_INPUT。A mobile or a landline with its area code (13800000000, 0751-8877817), "
        "else BAD_USER_INPUT."
    )
    user_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="可选：关联的用户 id，须为该单位 LIAISON 角色的用户，否则为 BAD_USER_INPUT。"
        "Optional: the id of the user this liaison is; it must exist with the LIAISON role for "
        "the same unit, else BAD_USER_INPUT.",
    )


@strawberry.type(
    description="向成员单位提出的问题（问题协调）：提出后 1 个工作日内答复，或给出解决计划和日期。"
    "提问方、被问单位（联络员和工作人员）、窗口和管理员可见；关于案件的，持有该案件工单的供能企业也可见。"
    "An inquiry raised to a member unit: answered, or given a plan and a date, within one working"
    " day. Seen by the raiser's side, the unit addressed (its liaisons and staff), the window and "
    "admins, and for an inquiry about a case the utilities holding one of its tickets."
)
class Inquiry:
    id: strawberry.ID = strawberry.field(description="问题 id。The inquiry's opaque id.")
    unit: Unit = strawberry.field(description="被问单位。The unit it is addressed to.")
    case_id: strawberry.ID | None = strawberry.field(
        description="所问的案件；一般性问题为 null。The case it is about; null for a general one."
    )
    question: str = strawberry.field(description="问题内容。The question.")
    raised_by: str = strawberry.field(description="提问人。Who raised it.")
    raised_at: DateTime = strawberry.field(description="提出时间。When it was raised.")
    due_at: DateTime = strawberry.field(
        description="答复期限：提出（或最近一次重新打开）后 1 个工作日。The deadline: one working "
        "day after it was raised, or last reopened."
    )
    status: InquiryStatus = strawberry.field(description="状态。The state.")
    answer: str | None = strawberry.field(
        description="答复；尚未答复（或重新打开后）为 null。The answer; null before one (and after "
        "a reopening)."
    )
    plan: str | None = strawberry.field(
        description="解决计划（PLANNED 时）；否则为 null。The plan, when PLANNED; else null."
    )
    plan_date: Date | None = strawberry.field(
        description="计划解决日期（本地日期）；否则为 null。The plan's date (local); else null."
    )
    answered_at: DateTime | None = strawberry.field(
        description="答复时间；否则为 null。When it was answered; else null."
    )
    overdue: bool = strawberry.field(
        description="是否超期：已过 dueAt 且仍为 OPEN。Whether dueAt passed while it is still OPEN."
    )
    reopened_at: DateTime | None = strawberry.field(
        description="最近一次重新打开的时间；从未重新打开为 null。When it was last reopened; null "
        "if never."
    )
    reopen_reason: str | None = strawberry.field(
        description="最近一次重新打开的理由；否则为 null。Why it was last reopened; else null."
    )
    reopen_count: int = strawberry.field(
        description="重新打开的次数。How many times it was reopened."
    )

    @classmethod
    def from_model(cls, row: InquiryRow) -> Inquiry:
        return from_row(cls, row, case_id=graphql_id(row.case_id), overdue=is_overdue(row))


@strawberry.input(description="要提出的问题。An inquiry to raise.")
class InquiryInput:
    unit: Unit = strawberry.field(
        description="向哪个单位提出（按业务类型：供水、供电、供气或服务中心）。The unit it goes to "
        "(by business: water, power, gas, or the service centre)."
    )
    case_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="所问的案件（调用方须能看到，否则为 NOT_FOUND）；申请人必填。一般性问题为 "
        "null。"
        "The case it is about (the caller must see it, else NOT_FOUND); required for applicants; "
        "null for a general inquiry.",
    )
    question: str = strawberry.field(
        description="问题内容，1 至 4000 字符，否则为 BAD_USER_INPUT。The question, 1 to 4000 "
        "characters, else BAD_USER_INPUT."
    )


@strawberry.input(
    description="问题列表的筛选条件，各条件同时满足。Filters of inquiries; all apply."
)
class InquiryFilter:
    unit: Unit | None = strawberry.field(
        default=None, description="只列向该单位提出的。Only those addressed to this unit."
    )
    status: list[InquiryStatus] | None = strawberry.field(
        default=None, description="只列这些状态的；null 为全部。Only in these states; null: all."
    )
    overdue: bool | None = strawberry.field(
        default=None,
        description="true 只列超期的（OPEN 且已过 dueAt），false 只列未超期的。true: only overdue "
        "ones (OPEN past dueAt); false: only the others.",
    )
    case_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="只列关于该案件的（无效或看不到的 id 得到空列表）。Only those about this case "
        "(an unknown or invisible id gives an empty list).",
    )


InquiryConnection = Connection[Inquiry]
