"""The one application form (一表申请): its data and every rule on it, reported all at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from hub.calendar import WorkingCalendar
from hub.clock import to_local
from hub.enums import UTILITY_TITLES, Utility
from hub.errors import ProblemCollector
from hub.validation.email_address import email_problem
from hub.validation.identifiers import is_valid_phone, is_valid_resident_id, is_valid_uscc
from hub.values import checked_datetime, checked_decimal


@dataclass
class ApplicantData:
    uscc: str
    name: str
    contact_name: str
    contact_phone: str
    agent_id_number: str | None = None
    contact_email: str | None = None


@dataclass
class ProjectData:
    name: str
    address: str
    code: str | None = None
    property_title_no: str | None = None


@dataclass
class PowerData:
    capacity_kw: Decimal
    voltage_level: str | None = None


@dataclass
class WaterData:
    daily_volume_m3: Decimal
    pipe_diameter_mm: int | None = None


@dataclass
class GasData:
    hourly_volume_m3: Decimal
    usage: str | None = None


@dataclass
class ApplicationData:
    utilities: list[Utility]
    applicant: ApplicantData
    project: ProjectData
    survey_appointment: datetime
    is_key_project: bool = False
    licence_consent: bool = False
    power: PowerData | None = None
    water: WaterData | None = None
    gas: GasData | None = None

    def details_for(self, utility: Utility):
        return {Utility.POWER: self.power, Utility.WATER: self.water, Utility.GAS: self.gas}[
            utility
        ]


UTILITY_FIELDS = {Utility.POWER: "power", Utility.WATER: "water", Utility.GAS: "gas"}


def canonical_utilities(utilities) -> list[Utility]:
    order = list(Utility)
    return sorted(set(utilities), key=order.index)


def _text(problems, value, path, *, max_len, required=True):
    if value is None or not value.strip():
        if required:
            problems.add(path, "不能为空 (required)")
        return
    if len(value.strip()) > max_len:
        problems.add(path, f"不能超过 {max_len} 个字符 (at most {max_len} characters)")


def _positive(problems, value, path):
    value = checked_decimal(value, path, problems)
    if value is not None and not value > 0:
        problems.add(path, "必须大于 0 (must be positive)")


def validate_application(
    data: ApplicationData,
    *,
    now: datetime,
    calendar: WorkingCalendar,
    unchanged_appointment: datetime | None = None,
    prefix: str = "input",
) -> ProblemCollector:
    """`unchanged_appointment`: the booked survey time an edit may keep even once it is past
    (a correction after the survey date need not move it)."""
    """Every problem of the form, with paths relative to the operation's arguments."""
    p = ProblemCollector()
    if not data.utilities:
        p.add(f"{prefix}.utilities", "至少选择一项报装业务 (choose at least one utility)")
    elif len(set(data.utilities)) != len(data.utilities):
        p.add(f"{prefix}.utilities", "报装业务不能重复 (duplicate utility)")

    a, ap = data.applicant, f"{prefix}.applicant"
    if not is_valid_uscc(a.uscc or ""):
        p.add(f"{ap}.uscc", "统一社会信用代码无效（GB 32100-2015 校验失败）")
    _text(p, a.name, f"{ap}.name", max_len=200)
    _text(p, a.contact_name, f"{ap}.contactName", max_len=50)
    if not is_valid_phone(a.contact_phone or ""):
        p.add(f"{ap}.contactPhone", "联系电话无效：应为手机号或带区号的固定电话")
    if a.agent_id_number is not None and not is_valid_resident_id(a.agent_id_number):
        p.add(f"{ap}.agentIdNumber", "居民身份证号码无效（GB 11643-1999 校验失败）")
    if a.contact_email is not None:
        problem = email_problem(a.contact_email)
        if problem:
            p.add(f"{ap}.contactEmail", problem)

    pr, pp = data.project, f"{prefix}.project"
    _text(p, pr.name, f"{pp}.name", max_len=200)
    _text(p, pr.address, f"{pp}.address", max_len=300)
    _text(p, pr.code, f"{pp}.code", max_len=64, required=False)
    _text(p, pr.property_title_no, f"{pp}.propertyTitleNo", max_len=100, required=False)

    if unchanged_appointment is None or data.survey_appointment != unchanged_appointment:
        _check_appointment(
            p, data.survey_appointment, f"{prefix}.surveyAppointment", now=now, calendar=calendar
        )

    chosen = set(data.utilities)
    for utility, field in UTILITY_FIELDS.items():
        details, path = data.details_for(utility), f"{prefix}.{field}"
        if utility in chosen and details is None:
            p.add(path, f"选择了{UTILITY_TITLES[utility]}，须填写其报装信息 (required)")
        elif utility not in chosen and details is not None:
            p.add(path, f"未选择{UTILITY_TITLES[utility]}，不应填写其报装信息 (not chosen)")
    if data.power is not None and Utility.POWER in chosen:
        _positive(p, data.power.capacity_kw, f"{prefix}.power.capacityKw")
        _text(
            p, data.power.voltage_level, f"{prefix}.power.voltageLevel", max_len=20, required=False
        )
    if data.water is not None and Utility.WATER in chosen:
        _positive(p, data.water.daily_volume_m3, f"{prefix}.water.dailyVolumeM3")
        diameter = data.water.pipe_diameter_mm
        if diameter is not None and diameter <= 0:
            p.add(f"{prefix}.water.pipeDiameterMm", "必须大于 0 (must be positive)")
    if data.gas is not None and Utility.GAS in chosen:
        _positive(p, data.gas.hourly_volume_m3, f"{prefix}.gas.hourlyVolumeM3")
        _text(p, data.gas.usage, f"{prefix}.gas.usage", max_len=100, required=False)
    return p


def _check_appointment(
    p: ProblemCollector, value, path: str, *, now: datetime, calendar: WorkingCalendar
) -> None:
    appointment = checked_datetime(value, path, p)
    if appointment is None:
        return
    if appointment <= now:
        p.add(path, "预约勘探时间须在将来 (must be in the future)")
    elif not calendar.is_working_day(to_local(appointment).date()):
        p.add(path, "预约勘探时间须在工作日 (must be a working day, not a weekend or holiday)")
    elif not calendar.is_within_session(appointment):
        p.add(path, "预约勘探时间须在办公时间内 (must fall within office hours)")
