from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.cases import service
from hub.resolvers.arguments import CASE_ID
from hub.resolvers.context import principal_of
from hub.schema.cases import Case


@strawberry.mutation(
    description="把申请交窗口形式审查：DRAFT → SUBMITTED（申请人、窗口人员或管理员）；材料不全也可"
    "提交，由窗口受理时把关；生成申请表（APPLICATION_FORM）。Hand the application to the window "
    "for formal review: DRAFT → SUBMITTED (applicant, window staff or admin); missing materials "
    "do not stop it (acceptCase does); issues the application form (APPLICATION_FORM). Errors: "
    "NOT_FOUND, FORBIDDEN, INVALID_STATE, CONFLICT. Event: CASE_SUBMITTED."
)
async def submit_application(info: Info, case_id: Annotated[strawberry.ID, CASE_ID]) -> Case:
    row = await service.submit_application(principal=principal_of(info), case_id=case_id)
    return Case.from_model(row)
