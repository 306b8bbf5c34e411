from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.cases import window
from hub.resolvers.arguments import CASE_ID
from hub.resolvers.context import principal_of
from hub.schema.cases import Case


@strawberry.mutation(
    description="窗口受理材料齐全的案件：SUBMITTED → IN_PROGRESS（仅窗口人员或管理员），出具受理回"
    "执，向所选每项业务派发一张工单（PENDING_REVIEW，审核时限 0.5 个工作日）。Accept a complete "
    "case: SUBMITTED → IN_PROGRESS (window staff or admin only), issuing the receipt notice and "
    "dispatching one ticket per chosen utility (PENDING_REVIEW, review due in 0.5 working "
    "days). Errors: NOT_FOUND, FORBIDDEN, INVALID_STATE, MISSING_MATERIALS "
    "(extensions.requirements lists the codes), CONFLICT. Events: CASE_ACCEPTED, TICKET_DISPATCHED "
    "per ticket."
)
async def accept_case(info: Info, case_id: Annotated[strawberry.ID, CASE_ID]) -> Case:
    row = await window.accept_case(principal=principal_of(info), case_id=case_id)
    return Case.from_model(row)
