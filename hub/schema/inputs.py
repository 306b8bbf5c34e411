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
from hub.schema.scalars import DateTime, Decimal
from hub.tickets.result_form import ResultForm


@strawberry.input
class ApplicantInput:
    uscc: str
    name: str
    contact_name: str
    contact_phone: str
    agent_id_number: str | None = None


@strawberry.input
class ProjectInput:
    name: str
    address: str
    code: str | None = None
    property_title_no: str | None = None


@strawberry.input
class PowerRequestInput:
    capacity_kw: Decimal
    voltage_level: str | None = None


@strawberry.input
class WaterRequestInput:
    daily_volume_m3: Decimal
    pipe_diameter_mm: int | None = None


@strawberry.input
class GasRequestInput:
    hourly_volume_m3: Decimal
    usage: str | None = None


@strawberry.input(description="The one application form (协同报装申请表, Attachment 5).")
class ApplicationInput:
    utilities: list[Utility]
    applicant: ApplicantInput
    project: ProjectInput
    survey_appointment: DateTime
    is_key_project: bool | None = None
    licence_consent: bool | None = None
    power: PowerRequestInput | None = None
    water: WaterRequestInput | None = None
    gas: GasRequestInput | None = None

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


@strawberry.input
class CorrectionItemInput:
    note: str
    requirement_code: str | None = None


ResultFeedbackInput = input_from_dataclass(
    ResultForm,
    name="ResultFeedbackInput",
    description="The result feedback form (办理结果反馈表, Attachment 6).",
)
