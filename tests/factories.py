"""Valid application inputs and helpers to build test data through the API."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hub.calendar import WorkingCalendar
from hub.validation.identifiers import uscc_check_char

SHANGHAI = ZoneInfo("Asia/Shanghai")
CALENDAR = WorkingCalendar.default(SHANGHAI)
AGENT_ID = "440203199001011231"


def uscc(serial: int) -> str:
    body = f"91440200MA{serial:07d}"[:17]
    return body + uscc_check_char(body)


ENTERPRISE_A = "91440200MA4W123458"
ENTERPRISE_B = uscc(5120001)


def next_weekday_morning(days_ahead: int = 7) -> str:
    moment = datetime.now(SHANGHAI).replace(hour=9, minute=30, second=0, microsecond=0)
    moment += timedelta(days=days_ahead)
    while not CALENDAR.is_working_day(moment.date()):
        moment += timedelta(days=1)
    return moment.isoformat()


def application(utilities=("POWER", "GAS"), *, enterprise: str = ENTERPRISE_A, **overrides) -> dict:
    data = {
        "utilities": list(utilities),
        "applicant": {
            "uscc": enterprise,
            "name": "韶关市某某建设有限公司",
            "contactName": "张三",
            "contactPhone": "13800000000",
            "agentIdNumber": AGENT_ID,
        },
        "project": {
            "name": "武江区某某厂房新建工程",
            "code": "2026-440203-47-01-000001",
            "address": "韶关市武江区工业园某某路1号",
            "propertyTitleNo": "粤(2024)韶关市不动产权第0012345号",
        },
        "surveyAppointment": next_weekday_morning(),
        "isKeyProject": False,
    }
    if "POWER" in utilities:
        data["power"] = {"capacityKw": "630", "voltageLevel": "10kV"}
    if "WATER" in utilities:
        data["water"] = {"dailyVolumeM3": "120.5", "pipeDiameterMm": 100}
    if "GAS" in utilities:
        data["gas"] = {"hourlyVolumeM3": "35", "usage": "工业生产"}
    data.update(overrides)
    return data
