"""附件5 协同报装申请表: every field of the one application form, and its materials."""

from __future__ import annotations

from hub.documents.context.shared import (
    DASH,
    datetime_text,
    header_context,
    load_case,
    mark,
    material_rows,
    materials_as_of,
    number_text,
    text,
    utility_company,
)
from hub.enums import Utility
from hub.models import Document, GasRequest, PowerRequest, WaterRequest


async def build(document: Document) -> dict:
    rows = await load_case(document)
    case = rows.case
    chosen = set(case.utilities)
    power = await PowerRequest.get_or_none(case_id=case.id)
    water = await WaterRequest.get_or_none(case_id=case.id)
    gas = await GasRequest.get_or_none(case_id=case.id)
    diameter = water.pipe_diameter_mm if water else None
    return {
        **header_context(document, rows),
        "water": {
            "chosen": mark(Utility.WATER in chosen),
            "company": utility_company(Utility.WATER),
            "daily_volume": number_text(water.daily_volume_m3, "m³/日") if water else DASH,
            "pipe_diameter": number_text(diameter, "mm") if diameter else DASH,
        },
        "power": {
            "chosen": mark(Utility.POWER in chosen),
            "company": utility_company(Utility.POWER),
            "capacity": number_text(power.capacity_kw, "kW") if power else DASH,
            "voltage_level": text(power.voltage_level) if power else DASH,
        },
        "gas": {
            "chosen": mark(Utility.GAS in chosen),
            "company": utility_company(Utility.GAS),
            "hourly_volume": number_text(gas.hourly_volume_m3, "m³/h") if gas else DASH,
            "usage": text(gas.usage) if gas else DASH,
        },
        "survey_appointment": datetime_text(case.survey_appointment),
        "key_project": mark(case.is_key_project),
        "licence_consent": mark(case.licence_consent_at is not None),
        "filed_on_behalf": mark(case.filed_on_behalf),
        "submitted_at": datetime_text(case.submitted_at or document.created_at),
        "materials": material_rows(await materials_as_of(case, document.created_at)),
    }
