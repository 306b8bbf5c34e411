from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.cases import service
from hub.resolvers.arguments import CASE_ID
from hub.resolvers.context import principal_of
from hub.schema.cases import Case


@strawberry.mutation(
    description="记录申请人授权调取其电子证照（申请人、窗口人员或管理员；案件须为 DRAFT、SUBMITTED "
    "或 CORRECTION_REQUIRED）；已授权时原样返回。Record the applicant's consent to pulling its "
    "e-licences (applicant, window staff or admin; the case must be DRAFT, SUBMITTED or "
    "CORRECTION_REQUIRED); a no-op when already given. Errors: NOT_FOUND, FORBIDDEN, "
    "INVALID_STATE, CONFLICT. Event: LICENCE_CONSENT_GRANTED."
)
async def grant_licence_consent(info: Info, case_id: Annotated[strawberry.ID, CASE_ID]) -> Case:
    row = await service.grant_licence_consent(principal=principal_of(info), case_id=case_id)
    return Case.from_model(row)
