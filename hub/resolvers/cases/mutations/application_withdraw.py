from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.cases import service
from hub.resolvers.arguments import CASE_ID
from hub.resolvers.context import principal_of
from hub.schema.cases import Case


@strawberry.mutation(
    description="在统一答复前撤回申请（申请人、窗口人员或管理员；案件须为 DRAFT、SUBMITTED、"
    "CORRECTION_REQUIRED、IN_PROGRESS 或 CONSOLIDATING）：→ WITHDRAWN，未结工单取消（CANCELLED），"
    "时限停止。Withdraw the application before the reply (applicant, window staff or admin; "
    "the case must be DRAFT, SUBMITTED, CORRECTION_REQUIRED, IN_PROGRESS or CONSOLIDATING): → "
    "WITHDRAWN, open tickets CANCELLED, their clocks stopped. Errors: NOT_FOUND, FORBIDDEN, "
    "INVALID_STATE, BAD_USER_INPUT, CONFLICT. Events: TICKET_CANCELLED per open ticket, "
    "CASE_WITHDRAWN."
)
async def withdraw_application(
    info: Info,
    case_id: Annotated[strawberry.ID, CASE_ID],
    reason: Annotated[
        str,
        strawberry.argument(
            description="撤回原因，必填，至多 2000 字符。Why, required, 2000 characters at most."
        ),
    ],
) -> Case:
    row = await service.withdraw_application(
        principal=principal_of(info), case_id=case_id, reason=reason
    )
    return Case.from_model(row)
