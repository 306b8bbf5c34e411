"""Inputs of the application form and the window's actions."""

from __future__ import annotations

import strawberry

from hub.cases.application import (
    ApplicantData,
    ApplicationData,
    GasData,
    PowerData,
    ProjectData,
    WaterData,
)
from hub.schema.derived_inputs import input_from_dataclass
from hub.schema.enums import Utility
from hub.schema.result_form import RESULT_FORM_FIELDS
from hub.schema.scalars import DateTime, Decimal
from hub.tickets.result_form import ResultForm


@strawberry.input(description="申请企业及其经办人。The applying enterprise and its agent.")
class ApplicantInput:
    uscc: str = strawberry.field(
        description="统一社会信用代码，18 位，须通过 GB 32100-2015 校验。The enterprise's USCC: "
        "18 characters passing the GB 32100-2015 check digit."
    )
    name: str = strawberry.field(
        description="企业名称，必填，最多 200 字符。The enterprise's name: required, at most 200 "
        "characters."
    )
    contact_name: str = strawberry.field(
        description="经办人姓名，必填，最多 50 字符；调取身份证时与证照姓名比对。The agent's name: "
        "required, at most 50 characters; checked against the pulled ID card."
    )
    contact_phone: str = strawberry.field(
        description="经办人手机号或带区号的固定电话。The agent's mobile number, or a landline "
        "with its area code."
    )
    agent_id_number: str | None = strawberry.field(
        default=None,
        description="经办人居民身份证号码，18 位，须通过 GB 11643-1999 校验；可不填。The agent's "
        "resident ID number: 18 characters passing the GB 11643-1999 check; optional.",
    )
    contact_email: str | None = strawberry.field(
        default=None,
        description="经办人电子邮箱，最多 254 字符；填写后补正告知、受理和联合答复时另发邮件并附"
        "文书，格式无效为 BAD_USER_INPUT（路径 input.applicant.contactEmail）；可不填。The "
        "agent's e-mail address, at most 254 characters: when given, the correction notice, "
        "acceptance and the reply are also e-mailed with the notice attached; an invalid address "
        "is BAD_USER_INPUT naming input.applicant.contactEmail; optional.",
    )


@strawberry.input(description="报装的建设项目。The construction project to connect.")
class ProjectInput:
    name: str = strawberry.field(
        description="项目名称，必填，最多 200 字符。The project's name: required, at most 200 "
        "characters."
    )
    address: str = strawberry.field(
        description="项目地址，必填，最多 300 字符。The project's address: required, at most 300 "
        "characters."
    )
    code: str | None = strawberry.field(
        default=None,
        description="全国投资项目代码，最多 64 字符；可不填。The national project code, at most "
        "64 characters; optional.",
    )
    property_title_no: str | None = strawberry.field(
        default=None,
        description="不动产权证号，最多 100 字符；可不填。The real-estate title number, at most "
        "100 characters; optional.",
    )


@strawberry.input(
    description="供电报装信息，选择 POWER 时必填。Power details: required with POWER."
)
class PowerRequestInput:
    capacity_kw: Decimal = strawberry.field(
        description="报装容量（千瓦），大于 0。The capacity applied for, in kW; above 0."
    )
    voltage_level: str | None = strawberry.field(
        default=None,
        description="电压等级（如 10kV），最多 20 字符；可不填。The voltage level (e.g. 10kV), at "
        "most 20 characters; optional.",
    )


@strawberry.input(
    description="供水报装信息，选择 WATER 时必填。Water details: required with WATER."
)
class WaterRequestInput:
    daily_volume_m3: Decimal = strawberry.field(
        description="日用水量（立方米），大于 0。The daily water volume in m³; above 0."
    )
    pipe_diameter_mm: int | None = strawberry.field(
        default=None,
        description="接水管径（毫米），大于 0；可不填。The pipe diameter in mm, above 0; optional.",
    )


@strawberry.input(description="供气报装信息，选择 GAS 时必填。Gas details: required with GAS.")
class GasRequestInput:
    hourly_volume_m3: Decimal = strawberry.field(
        description="小时用气量（立方米），大于 0。The hourly gas volume in m³; above 0."
    )
    usage: str | None = strawberry.field(
        default=None,
        description="用气用途，最多 100 字符；可不填。What the gas is for, at most 100 "
        "characters; optional.",
    )


@strawberry.input(
    description="一表申请（协同报装申请表，附件5）；所有问题一次报出，BAD_USER_INPUT 附字段路径。"
    "The one application form (Attachment 5); every problem is reported at once as "
    "BAD_USER_INPUT with the fields' paths."
)
class ApplicationInput:
    utilities: list[Utility] = strawberry.field(
        description="报装业务，至少一项，不可重复。The utilities applied for: at least one, no "
        "repeats."
    )
    applicant: ApplicantInput = strawberry.field(
        description="申请企业及经办人。The enterprise and its agent."
    )
    project: ProjectInput = strawberry.field(description="建设项目。The project.")
    survey_appointment: DateTime = strawberry.field(
        description="预约勘察时间：将来某个工作日的办公时间内（08:30-12:00、14:30-17:30，"
        "+08:00）。The preferred site survey time: in the future, within office hours of a "
        "working day (+08:00)."
    )
    is_key_project: bool | None = strawberry.field(
        default=None,
        description="是否重点项目或招商引资项目（绿色通道）；默认 false。受理后不能在此更改"
        "（BAD_USER_INPUT），由窗口用 setKeyProject 设置。A key or investment project (green "
        "channel); false by default. Once the case is accepted it cannot change here "
        "(BAD_USER_INPUT): the window uses setKeyProject.",
    )
    licence_consent: bool | None = strawberry.field(
        default=None,
        description="授权调取电子证照；默认 false。Consent to pull electronic licences; false by "
        "default.",
    )
    power: PowerRequestInput | None = strawberry.field(
        default=None,
        description="供电信息：选择 POWER 时必填，未选时不得填写。Power details: required with "
        "POWER, refused without it.",
    )
    water: WaterRequestInput | None = strawberry.field(
        default=None,
        description="供水信息：选择 WATER 时必填，未选时不得填写。Water details: required with "
        "WATER, refused without it.",
    )
    gas: GasRequestInput | None = strawberry.field(
        default=None,
        description="供气信息：选择 GAS 时必填，未选时不得填写。Gas details: required with GAS, "
        "refused without it.",
    )

    def to_data(self) -> ApplicationData:
        a, p = self.applicant, self.project
        return ApplicationData(
            utilities=list(self.utilities),
            applicant=ApplicantData(
                uscc=a.uscc.strip(),
                name=a.name,
                contact_name=a.contact_name,
                contact_phone=a.contact_phone,
                agent_id_number=a.agent_id_number.strip() if a.agent_id_number else None,
                contact_email=a.contact_email.strip() if a.contact_email else None,
            ),
            project=ProjectData(
                name=p.name, address=p.address, code=p.code, property_title_no=p.property_title_no
            ),
            survey_appointment=self.survey_appointment,
            is_key_project=bool(self.is_key_project),
            licence_consent=bool(self.licence_consent),
            power=PowerData(**vars(self.power)) if self.power else None,
            water=WaterData(**vars(self.water)) if self.water else None,
            gas=GasData(**vars(self.gas)) if self.gas else None,
        )


@strawberry.input(description="一项补正要求。One correction point.")
class CorrectionItemInput:
    note: str = strawberry.field(
        description="需补正的内容，必填，最多 2000 字符。What must be corrected: required, at most "
        "2000 characters."
    )
    requirement_code: str | None = strawberry.field(
        default=None,
        description="涉及的材料代码（须为本申请所需材料之一）；可不填。The requirement concerned, "
        "one of this application's; optional.",
    )


ResultFeedbackInput = input_from_dataclass(
    ResultForm,
    name="ResultFeedbackInput",
    description="办理结果反馈表（附件6），须在勘察后 1 个工作日内提交；缺少结论所需字段时为 "
    "BAD_USER_INPUT。The result feedback form (Attachment 6), due 1 working day after the "
    "survey; a field its outcome requires, left out, is BAD_USER_INPUT.",
    field_descriptions=RESULT_FORM_FIELDS,
)
