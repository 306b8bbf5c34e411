from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.green_channel import service
from hub.resolvers.arguments import TICKET_ID
from hub.resolvers.context import principal_of
from hub.schema.tickets import Ticket


@strawberry.mutation(
    description="供能企业登记已与重点项目经办人首次联系（本单位的工单，或管理员），停止该工单的绿色"
    "通道时限（按时与否记入时限统计）。没有待联系的记录（非重点项目、已登记或已取消）时为 "
    "INVALID_STATE。A utility records its first contact with a key project's handler (its own "
    "ticket, or an admin), stopping the ticket's green-channel clock (met or missed goes into "
    "the SLA report). INVALID_STATE when no contact is open (not a key project, already "
    "recorded, or cancelled). Errors: NOT_FOUND, FORBIDDEN, INVALID_STATE, BAD_USER_INPUT. "
    "Event: GREEN_CHANNEL_CONTACTED."
)
async def record_green_channel_contact(
    info: Info,
    ticket_id: Annotated[strawberry.ID, TICKET_ID],
    note: Annotated[
        str,
        strawberry.argument(
            description="联系情况（联系人、方式、约定事项），必填、非空，至多 2000 字符。How the "
            "contact went (whom, how, what was agreed): required, not blank, 2000 characters "
            "at most."
        ),
    ],
) -> Ticket:
    row = await service.record_contact(principal=principal_of(info), ticket_id=ticket_id, note=note)
    return Ticket.from_model(row)
