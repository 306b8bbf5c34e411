"""收件通知书: what the window received, when it accepted the case, and what happens by when."""

from __future__ import annotations

from hub.documents.context.shared import (
    DASH,
    datetime_text,
    header_context,
    load_case,
    material_rows,
    materials_as_of,
    utility_company,
    utility_title,
    working_days_text,
)
from hub.guide.catalogue import merge_guide
from hub.models import Document

# The steps of the guide that make the promise to the applicant, in the order they happen.
PROMISE_STEPS = ("UTILITY_REVIEW_FEEDBACK", "RESULT_FEEDBACK_FORM", "CONSOLIDATED_REPLY")


def time_limit_rows(utilities) -> list[dict]:
    return [
        {
            "title": limit.title,
            "days": working_days_text(limit.working_days),
            "owner": limit.owner_title,
        }
        for limit in merge_guide(utilities).time_limits
    ]


def reply_promise(utilities) -> str:
    days = {limit.step: limit.working_days for limit in merge_guide(utilities).time_limits}
    if not all(step in days for step in PROMISE_STEPS):
        return DASH
    review, feedback, reply = (working_days_text(days[step]) for step in PROMISE_STEPS)
    return (
        f"各供能企业自收到申请材料起{review}内完成审核；符合条件的，按预约勘探时间开展（联合）"
        f"现场勘探，勘探完毕后{feedback}内报送《办理结果反馈表》；窗口收齐全部结果反馈表后"
        f"{reply}内汇总，一次性答复贵单位。"
    )


async def build(document: Document) -> dict:
    rows = await load_case(document)
    case = rows.case
    materials = await materials_as_of(case, document.created_at)
    return {
        **header_context(document, rows),
        "accepted_at": datetime_text(case.accepted_at or document.created_at),
        "survey_appointment": datetime_text(case.survey_appointment),
        "materials": material_rows(materials),
        "material_count": len(materials),
        "dispatched_to": "、".join(
            f"{utility_company(u)}（{utility_title(u)}）" for u in case.utilities
        ),
        "time_limits": time_limit_rows(case.utilities),
        "reply_promise": reply_promise(case.utilities),
        "green_channel": bool(case.is_key_project),
    }
