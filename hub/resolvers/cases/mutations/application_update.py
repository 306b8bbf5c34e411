from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.cases import service
from hub.resolvers.arguments import CASE_ID
from hub.resolvers.context import principal_of
from hub.schema.cases import Case
from hub.schema.inputs import ApplicationInput


@strawberry.mutation(
    description="整体替换申请表（申请人、窗口人员或管理员；案件须为 DRAFT 或 CORRECTION_REQUIRED）"
    "；申请企业不能更换，受理后所选业务不能更改。Replace the whole form (applicant, window staff "
    "or admin; the case must be DRAFT or CORRECTION_REQUIRED); the enterprise cannot change, "
    "nor the utilities once accepted. Errors: NOT_FOUND, FORBIDDEN, INVALID_STATE, "
    "BAD_USER_INPUT, CONFLICT. Events: CASE_UPDATED (and LICENCE_CONSENT_GRANTED when consent "
    "is given now)."
)
async def update_application(
    info: Info,
    case_id: Annotated[strawberry.ID, CASE_ID],
    input: Annotated[
        ApplicationInput,
        strawberry.argument(
            description="完整的新申请表（不是差异）；未改动的勘察预约时间即使已过去也可保留。"
            "The complete new form (not a patch); an unchanged survey appointment may stay even "
            "once it is past."
        ),
    ],
) -> Case:
    row = await service.update_application(
        principal=principal_of(info), case_id=case_id, data=input.to_data()
    )
    return Case.from_model(row)
