from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.cases import service
from hub.resolvers.arguments import CASE_ID
from hub.resolvers.context import principal_of
from hub.schema.cases import Case


@strawberry.mutation(
    description="补正后重新提交（申请人、窗口人员或管理员；案件须为 CORRECTION_REQUIRED）：受理前回"
    "到窗口（SUBMITTED），受理后回到 IN_PROGRESS，只有要求补正的工单重新审核且审核时限重新起算；"
    "重新生成申请表。Resubmit after correction (applicant, window staff or admin; the case must "
    "be CORRECTION_REQUIRED): before acceptance back to the window (SUBMITTED); after it "
    "IN_PROGRESS, only the tickets that asked go back to PENDING_REVIEW with a fresh review "
    "clock; a new application form. Errors: NOT_FOUND, FORBIDDEN, INVALID_STATE, CONFLICT. "
    "Event: CASE_RESUBMITTED."
)
async def resubmit_application(info: Info, case_id: Annotated[strawberry.ID, CASE_ID]) -> Case:
    row = await service.resubmit_application(principal=principal_of(info), case_id=case_id)
    return Case.from_model(row)
