"""The green channel's first contacts, as `Case.greenChannel` lists them."""

from __future__ import annotations

import strawberry

from hub.green_channel.queries import Contact
from hub.schema.enums import Utility
from hub.schema.scalars import DateTime


@strawberry.type(
    description="绿色通道首次联系：重点项目、招商引资项目受理后（或受理后被标为重点项目时），每张"
    "工单须在 0.5 个工作日内由该供能企业联系项目经办人，用 recordGreenChannelContact 登记。取消"
    "重点项目时未联系的记录被取消，不再列出。A green-channel first contact: once a key or "
    "investment project is accepted (or flagged after acceptance), each ticket's utility must "
    "contact the project's handler within 0.5 working day and record it with "
    "recordGreenChannelContact. Unflagging cancels the contacts still open; they are no longer "
    "listed."
)
class GreenChannelContact:
    utility: Utility = strawberry.field(
        description="须联系的供能企业（工单所属单位）。The utility that must make the contact "
        "(the ticket's)."
    )
    ticket_id: strawberry.ID = strawberry.field(description="工单 id。The ticket's id.")
    due_at: DateTime = strawberry.field(
        description="联系截止时间：开始后 0.5 个工作日（按办公时段计，+08:00）。The contact's "
        "deadline: 0.5 working day after it started (office hours, +08:00)."
    )
    contacted_at: DateTime | None = strawberry.field(
        description="登记联系的时间；未联系时为 null。When the contact was recorded; null until "
        "then."
    )
    note: str | None = strawberry.field(
        description="联系情况说明（至多 2000 字符）；未联系时为 null。What the utility recorded "
        "about the contact (2000 characters at most); null until then."
    )
    overdue: bool = strawberry.field(
        description="已过截止时间仍未联系时为 true。True once the deadline passed without a "
        "contact."
    )

    @classmethod
    def from_contact(cls, contact: Contact) -> GreenChannelContact:
        return cls(
            utility=contact.utility,
            ticket_id=strawberry.ID(str(contact.ticket_id)),
            due_at=contact.due_at,
            contacted_at=contact.contacted_at,
            note=contact.note,
            overdue=contact.overdue,
        )
