from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.green_channel import service
from hub.resolvers.arguments import CASE_ID
from hub.resolvers.context import principal_of
from hub.schema.cases import Case


@strawberry.mutation(
    description="窗口人员（或管理员）把案件标为或取消重点项目、招商引资项目（绿色通道），须说明原因"
    "（记入事件与审计）。已受理的案件标为重点项目时，每张未办结工单立即开始 0.5 个工作日的首次联系"
    "时限；取消时未联系的时限被取消（既不算按时也不算超时），已登记的联系保留。与原值相同时不做任何"
    "改动；已答复或已撤回的案件为 INVALID_STATE。Window staff (or an admin) flag a case as a key "
    "or investment project (green channel), or unflag it, with a reason (kept in the event and "
    "the audit trail). Flagging an accepted case starts, at once, a 0.5-working-day first-"
    "contact clock for each open ticket; unflagging cancels the contacts still open (neither "
    "met nor missed) and keeps those recorded. The same value again changes nothing; a "
    "REPLIED or WITHDRAWN case is INVALID_STATE. Errors: NOT_FOUND, FORBIDDEN, INVALID_STATE, "
    "BAD_USER_INPUT, CONFLICT. Event: KEY_PROJECT_SET."
)
async def set_key_project(
    info: Info,
    case_id: Annotated[strawberry.ID, CASE_ID],
    is_key_project: Annotated[
        bool,
        strawberry.argument(
            description="true：重点项目（开启绿色通道）；false：取消。True: a key project (green "
            "channel); false: not any more."
        ),
    ],
    reason: Annotated[
        str | None,
        strawberry.argument(
            description="原因，必填、非空，至多 2000 字符（缺少时为 BAD_USER_INPUT）。Why, "
            "required and not blank, 2000 characters at most (else BAD_USER_INPUT)."
        ),
    ] = None,
) -> Case:
    row = await service.set_key_project(
        principal=principal_of(info),
        case_id=case_id,
        is_key_project=is_key_project,
        reason=reason,
    )
    return Case.from_model(row)
