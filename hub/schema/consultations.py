"""Joint consultations (前后台会商), as `Case.consultations` lists them."""

from __future__ import annotations

import strawberry

from hub.consultations.queries import ConsultationView
from hub.models import ConsultationParticipant as ParticipantRow
from hub.schema.enums import Utility
from hub.schema.scalars import DateTime


@strawberry.type(
    description="受邀参加会商的一家供能企业及其确认。One utility invited to a consultation, and "
    "its confirmation."
)
class ConsultationParticipant:
    utility: Utility = strawberry.field(description="受邀的供能企业。The invited utility.")
    confirmed_at: DateTime | None = strawberry.field(
        description="确认时间；未确认时为 null。When it confirmed; null until then."
    )
    confirmed_by: str | None = strawberry.field(
        description="确认人（该单位的工作人员或联络员）；未确认时为 null。Who confirmed (the "
        "utility's staff or liaison); null until then."
    )

    @classmethod
    def from_model(cls, row: ParticipantRow) -> ConsultationParticipant:
        return cls(
            utility=row.utility, confirmed_at=row.confirmed_at, confirmed_by=row.confirmed_by
        )


@strawberry.type(
    description="前后台会商：窗口就复杂案件约请所需的供能企业，在一个工作日办公时段内开会；各受邀"
    "单位确认后，会商开始后由窗口登记纪要，生成 CONSULTATION_MINUTES 文书（DOCX，可有 PDF）。"
    "A joint consultation: the window meets the utilities a complex case needs in one office "
    "session of a working day; once every invited utility confirmed and the slot began, the "
    "window records the minutes, issued as a CONSULTATION_MINUTES document (DOCX, and PDF "
    "when it can be made)."
)
class Consultation:
    id: strawberry.ID = strawberry.field(description="会商 id。The consultation's id.")
    case_id: strawberry.ID = strawberry.field(description="所属案件 id。Its case's id.")
    topic: str = strawberry.field(
        description="会商议题（至多 2000 字符）。What is to be settled (2000 characters at most)."
    )
    starts_at: DateTime = strawberry.field(
        description="开始时间，工作日办公时段内（+08:00）。When it starts, within an office "
        "session of a working day (+08:00)."
    )
    ends_at: DateTime = strawberry.field(
        description="结束时间，与开始时间同一办公时段。When it ends, in the same session."
    )
    scheduled_by: str = strawberry.field(description="组织人（窗口）。Who scheduled it.")
    scheduled_at: DateTime = strawberry.field(description="安排时间。When it was scheduled.")
    participants: list[ConsultationParticipant] = strawberry.field(
        description="受邀单位，按 WATER、POWER、GAS 顺序。The invited utilities, in WATER, "
        "POWER, GAS order."
    )
    confirmed: bool = strawberry.field(
        description="是否所有受邀单位都已确认。Whether every invited utility confirmed."
    )
    minutes: str | None = strawberry.field(
        description="会商纪要（至多 20000 字符）；登记前为 null。The minutes (20000 characters at "
        "most); null until recorded."
    )
    minutes_recorded_at: DateTime | None = strawberry.field(
        description="纪要登记时间；登记前为 null。When the minutes were recorded; null before."
    )
    minutes_document_id: strawberry.ID | None = strawberry.field(
        description="纪要文书 id（在 Case.documents 中，种类 CONSULTATION_MINUTES）；登记前为 "
        "null。The minutes document's id (in Case.documents, kind CONSULTATION_MINUTES); null "
        "before."
    )

    @classmethod
    def from_view(cls, view: ConsultationView) -> Consultation:
        row = view.consultation
        return cls(
            id=strawberry.ID(str(row.id)),
            case_id=strawberry.ID(str(row.case_id)),
            topic=row.topic,
            starts_at=row.starts_at,
            ends_at=row.ends_at,
            scheduled_by=row.scheduled_by,
            scheduled_at=row.scheduled_at,
            participants=[ConsultationParticipant.from_model(p) for p in view.participants],
            confirmed=all(p.confirmed_at is not None for p in view.participants),
            minutes=row.minutes,
            minutes_recorded_at=row.minutes_recorded_at,
            minutes_document_id=(
                strawberry.ID(str(view.document_id)) if view.document_id else None
            ),
        )
