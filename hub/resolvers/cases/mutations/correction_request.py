from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.cases import window
from hub.resolvers.arguments import CASE_ID
from hub.resolvers.context import principal_of
from hub.schema.cases import Case
from hub.schema.inputs import CorrectionItemInput


@strawberry.mutation(
    description="一次性告知补正：SUBMITTED → CORRECTION_REQUIRED（仅窗口人员或管理员），一份补正"
    "通知列出全部事项；重新提交后可再次要求。Tell the applicant ONCE everything to correct: "
    "SUBMITTED → CORRECTION_REQUIRED (window staff or admin only), one correction notice listing "
    "every item; allowed again after a resubmission. Errors: NOT_FOUND, FORBIDDEN, "
    "INVALID_STATE, BAD_USER_INPUT, CONFLICT. Event: CORRECTION_REQUESTED."
)
async def request_correction(
    info: Info,
    case_id: Annotated[strawberry.ID, CASE_ID],
    items: Annotated[
        list[CorrectionItemInput],
        strawberry.argument(
            description="全部补正事项，至少一项；每项须有说明，材料要求代码须为本案件所需的材料。"
            "Every item to correct, at least one; each needs a note, and a requirement code must "
            "be one the case needs."
        ),
    ],
) -> Case:
    row = await window.request_correction(
        principal=principal_of(info), case_id=case_id, items=items
    )
    return Case.from_model(row)
