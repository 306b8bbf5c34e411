from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.cases import window
from hub.enums import Utility
from hub.resolvers.arguments import CASE_ID
from hub.resolvers.context import principal_of
from hub.schema.cases import Case


@strawberry.mutation(
    description="登记交给某单位的纸质材料（交接记录；仅窗口人员或管理员；受理后、答复前：IN_PROGRESS、"
    "CORRECTION_REQUIRED 或 CONSOLIDATING）。Record paper materials handed to a utility (window "
    "staff or admin only; after acceptance and before the reply: IN_PROGRESS, "
    "CORRECTION_REQUIRED or CONSOLIDATING). Errors: NOT_FOUND, FORBIDDEN, INVALID_STATE, "
    "BAD_USER_INPUT, CONFLICT. Event: PAPER_HANDOVER."
)
async def record_paper_handover(
    info: Info,
    case_id: Annotated[strawberry.ID, CASE_ID],
    utility: Annotated[
        Utility,
        strawberry.argument(
            description="接收材料的单位，须为本案件所选业务。The utility receiving them; one "
            "chosen on this case."
        ),
    ],
    items: Annotated[
        list[str],
        strawberry.argument(
            description="交接的纸质材料，至少一项，每项非空（各至多 1000 字符）。The paper items "
            "handed over, at least one, none empty (1000 characters each at most)."
        ),
    ],
    received_by: Annotated[
        str,
        strawberry.argument(
            description="接收人姓名，必填（至多 1000 字符）。Who received them, required (1000 "
            "characters at most)."
        ),
    ],
) -> Case:
    row = await window.record_paper_handover(
        principal=principal_of(info),
        case_id=case_id,
        utility=utility,
        items=items,
        received_by=received_by,
    )
    return Case.from_model(row)
