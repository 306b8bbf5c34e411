from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.consultations import service
from hub.consultations.queries import consultation_view
from hub.enums import Utility
from hub.resolvers.arguments import CONSULTATION_ID
from hub.resolvers.context import principal_of
from hub.schema.consultations import Consultation


@strawberry.mutation(
    description="受邀供能企业确认参加会商：该单位的工作人员或联络员为本单位确认，管理员须指明单位；"
    "未受邀为 FORBIDDEN，已确认、纪要已登记或案件已撤回为 INVALID_STATE。An invited utility "
    "confirms it will take part: its staff or liaison for their own utility, an admin naming "
    "the utility; FORBIDDEN when not invited, INVALID_STATE when already confirmed, the minutes "
    "are recorded or the case was withdrawn. Errors: NOT_FOUND, FORBIDDEN, INVALID_STATE, "
    "BAD_USER_INPUT. Event: CONSULTATION_CONFIRMED (data.confirmed: whether every invited "
    "utility has now)."
)
async def confirm_consultation(
    info: Info,
    consultation_id: Annotated[strawberry.ID, CONSULTATION_ID],
    utility: Annotated[
        Utility | None,
        strawberry.argument(
            description="代为确认的单位：管理员必填；工作人员和联络员可省略（即本单位），填写其他"
            "单位为 FORBIDDEN。The utility confirming: required for an admin; staff and liaisons "
            "may leave it out (their own), another utility is FORBIDDEN."
        ),
    ] = None,
) -> Consultation:
    row = await service.confirm(
        principal=principal_of(info), consultation_id=consultation_id, utility=utility
    )
    return Consultation.from_view(await consultation_view(row))
