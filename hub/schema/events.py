"""Case events: the append-only timeline, also what subscribers receive. The type is built from
hub.events.payload.event_payload, the same dict a webhook's body carries: a field of one is a
field of the other (a key without a field, or a field without a key, fails construction)."""

from __future__ import annotations

import strawberry

from hub.events.payload import EVENT_DATA_KEYS, event_payload, snake_case
from hub.models import CaseEvent as CaseEventRow
from hub.schema.common import Connection
from hub.schema.enums import Utility
from hub.schema.scalars import JSON, DateTime

DATA_KEYS_BY_TYPE = "; ".join(
    f"{event_type}: {', '.join(sorted(keys))}" for event_type, keys in EVENT_DATA_KEYS.items()
)


@strawberry.type(
    description="案件时间线上的一个事件，只增不改；caseEvents 推送和 Webhook 请求体的内容与此相同。"
    "One event of a case's append-only timeline; caseEvents and webhook bodies carry the same."
)
class CaseEvent:
    id: str = strawberry.field(
        description="事件 ID，按提交顺序递增，也是 caseEvents 的 after 游标，可用于去重。The "
        "event's id: rising in commit order, the `after` cursor of caseEvents, a de-duplication "
        "key."
    )
    type: str = strawberry.field(
        description="事件类型，如 CASE_SUBMITTED、TICKET_DISPATCHED、SLA_BREACHED（以后可能增加，"
        "未知类型请忽略）。The event type, e.g. CASE_SUBMITTED, TICKET_DISPATCHED, SLA_BREACHED; "
        "more may come, so ignore unknown ones."
    )
    case_id: strawberry.ID = strawberry.field(description="案件 ID。The case's id.")
    case_no: str = strawberry.field(description="案件编号。The case number.")
    utility: Utility | None = strawberry.field(
        description="关于某张工单的事件为其报装业务；全案事件为 null。The ticket's utility for "
        "an event about one ticket; null for case-wide events."
    )
    at: DateTime = strawberry.field(description="发生时间（+08:00）。When it happened (+08:00).")
    actor: str | None = strawberry.field(
        description='操作人名称；系统自动产生的事件为 system。The actor\'s name; "system" for '
        "the hub's own events."
    )
    role: str = strawberry.field(
        description="操作人角色：applicant、window、utility、liaison、admin 或 system（小写，与 "
        "Webhook 请求体一致）。The actor's role: applicant, window, utility, liaison, admin or "
        "system, lowercase as in webhook bodies."
    )
    on_behalf: bool = strawberry.field(
        description="窗口是否代申请人操作（帮办代办）。Whether window staff acted for the "
        "applicant (帮办代办)."
    )
    data: JSON | None = strawberry.field(
        description="按事件类型的数据：涉及对象的 ID 和到达的状态，可能多于下列键。The data of "
        "the event type, the ids of the objects concerned and the state reached; it may carry "
        "more than these keys: " + DATA_KEYS_BY_TYPE + "."
    )

    @classmethod
    def from_model(cls, row: CaseEventRow, case_no: str) -> CaseEvent:
        fields = {snake_case(key): value for key, value in event_payload(row, case_no).items()}
        return cls(**fields)


CaseEventConnection = Connection[CaseEvent]
