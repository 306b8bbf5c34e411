from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.resolvers.arguments import TICKET_ID
from hub.resolvers.context import principal_of
from hub.schema.inputs import ResultFeedbackInput
from hub.schema.tickets import Ticket
from hub.tickets import service


@strawberry.mutation(
    description="提交已勘察工单的办理结果反馈表（附件6）：SURVEYED → RESULT_SUBMITTED（本单位或管理"
    "员），生成结果反馈表；所有工单办结后案件进入 CONSOLIDATING。Send the result feedback form "
    "(Attachment 6) of a surveyed ticket: SURVEYED → RESULT_SUBMITTED (its own utility or an "
    "admin), issuing the form as a document; once every ticket is finished the case "
    "consolidates. Errors: NOT_FOUND, FORBIDDEN, INVALID_STATE, BAD_USER_INPUT, CONFLICT. Events: "
    "RESULT_SUBMITTED, then CASE_CONSOLIDATING when it finished the last ticket."
)
async def submit_result_feedback(
    info: Info,
    ticket_id: Annotated[strawberry.ID, TICKET_ID],
    input: Annotated[
        ResultFeedbackInput,
        strawberry.argument(
            description="结果反馈表，按结论校验：NOT_APPROVED 须填原因；APPROVED 且无外线工程须填"
            "改造建议、设计方案和报价（≥ 0 元，最多两位小数）；APPROVED 且有外线工程须填外线工程"
            "信息；文本各至多 4000 字符。The form, checked by outcome: NOT_APPROVED needs reasons; "
            "APPROVED without external works needs renovationAdvice, designPlan and quoteAmount "
            "(>= 0 yuan, two decimals at most); APPROVED with external works needs "
            "externalWorksInfo; texts 4000 characters at most."
        ),
    ],
) -> Ticket:
    row = await service.submit_result_feedback(
        principal=principal_of(info), ticket_id=ticket_id, form=input.to_domain()
    )
    return Ticket.from_model(row)
