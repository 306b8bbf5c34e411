from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.cases.reply import issue_consolidated_reply as issue_reply
from hub.resolvers.arguments import CASE_ID
from hub.resolvers.context import principal_of
from hub.schema.cases import Case


@strawberry.mutation(
    description="各单位都已答复后出具一份统一答复：CONSOLIDATING → REPLIED（仅窗口人员或管理员），"
    "出具统一答复书，统一答复时限停止。Issue ONE consolidated reply once every utility has "
    "answered: CONSOLIDATING → REPLIED (window staff or admin only), issuing the reply notice and "
    "stopping the reply clock. Errors: "
    "NOT_FOUND, FORBIDDEN, INVALID_STATE, CONFLICT. Event: REPLY_ISSUED."
)
async def issue_consolidated_reply(info: Info, case_id: Annotated[strawberry.ID, CASE_ID]) -> Case:
    return Case.from_model(await issue_reply(principal=principal_of(info), case_id=case_id))
