from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.cases import service
from hub.resolvers.context import principal_of
from hub.schema.cases import Case
from hub.schema.inputs import ApplicationInput


@strawberry.mutation(
    description="一表申请：为水、电、气任意组合填写一张申请表，案件以 DRAFT 开始，编号 "
    "SDQ-YYYYMMDD-NNNN（申请人只能以本企业名义；窗口人员、管理员可代办）。File the one form "
    "for any mix of water, power and gas; the case starts as a DRAFT numbered SDQ-YYYYMMDD-NNNN "
    "(applicants for their own enterprise only; window staff and admins on its behalf). "
    "Errors: FORBIDDEN, BAD_USER_INPUT (every problem at once, with field paths). Events: "
    "CASE_CREATED, and LICENCE_CONSENT_GRANTED with licenceConsent."
)
async def create_application(
    info: Info,
    input: Annotated[
        ApplicationInput,
        strawberry.argument(
            description="申请表：企业、项目、所选业务及各业务明细、勘察预约时间。"
            "The form: enterprise, project, the utilities chosen with their details, the survey "
            "appointment."
        ),
    ],
) -> Case:
    row = await service.create_application(principal=principal_of(info), data=input.to_data())
    return Case.from_model(row)
