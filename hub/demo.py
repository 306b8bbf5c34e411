"""Demo data for `make run`: a few enterprises and cases in different states (idempotent)."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from decimal import Decimal

from hub import clock
from hub.auth.principal import Principal
from hub.calendar import WorkingCalendar
from hub.cases import service, window
from hub.cases.application import (
    ApplicantData,
    ApplicationData,
    GasData,
    PowerData,
    ProjectData,
    WaterData,
)
from hub.cases.window import CorrectionEntry
from hub.enums import EventType, MaterialSource, Role, Utility
from hub.events.record import record_event
from hub.green_channel.service import record_contact
from hub.guide.catalogue import requirements_for
from hub.licences.service import pull_licences
from hub.models import Case, Project, SlaClock
from hub.objectstore import get_object_store
from hub.objectstore.base import content_key
from hub.sla.calendar_source import get_calendar
from hub.sla.clocks import deadlines
from hub.sla.kinds import ClockKind
from hub.transactions import in_transaction
from hub.workflow.material_writes import StoredFile, add_material

DEMO_MARK = "DEMO-"
WINDOW = Principal(role=Role.WINDOW, name="窗口-李四")
DEFAULT_CALENDAR = WorkingCalendar.default(clock.local_zone())

# (USCC, name, agent, phone, agent's ID number, real-estate title): all in the demo licence
# registry (hub/connectors/demo_registry.json), so licences can be pulled for every one.
ENTERPRISES = [
    (
        "91440200MA4W123458",
        "韶关市某某建设有限公司",
        "张三",
        "13800000000",
        "440203199001011231",
        "粤(2024)韶关市不动产权第0012345号",
    ),
    (
        "91440200MA5120001G",
        "韶关市丹霞新材料科技有限公司",
        "王五",
        "0751-8877001",
        "440204198503151236",
        "粤(2024)韶关市不动产权第0020001号",
    ),
    (
        "91440200MA5120002K",
        "韶关市芙蓉置业有限公司",
        "赵六",
        "13922223333",
        "440232199207082344",
        "粤(2025)韶关市不动产权第0020002号",
    ),
]


def _next_working_morning(days: int):
    moment = clock.to_local(clock.now()).replace(hour=9, minute=30, second=0, microsecond=0)
    moment += timedelta(days=days)
    while not DEFAULT_CALENDAR.is_working_day(moment.date()):
        moment += timedelta(days=1)
    return moment


def _application(index: int, utilities: list[Utility], project: str) -> ApplicationData:
    uscc, name, contact, phone, agent_id, title = ENTERPRISES[index]
    return ApplicationData(
        utilities=utilities,
        applicant=ApplicantData(uscc, name, contact, phone, agent_id),
        project=ProjectData(
            name=project,
            address=f"韶关市武江区{project}地块",
            code=f"{DEMO_MARK}{index}-{'-'.join(u.value for u in utilities)}",
            property_title_no=title,
        ),
        survey_appointment=_next_working_morning(7 + index),
        power=PowerData(Decimal("630"), "10kV") if Utility.POWER in utilities else None,
        water=WaterData(Decimal("120"), 100) if Utility.WATER in utilities else None,
        gas=GasData(Decimal("35"), "工业生产") if Utility.GAS in utilities else None,
    )


async def _attach_all(case: Case, principal: Principal, *, skip: set[str] = frozenset()) -> None:
    store = get_object_store()
    for req in requirements_for(case.utilities):
        if req.code in skip:
            continue
        content = f"%PDF-1.4\n% demo material {req.code} for {case.case_no}\n%%EOF\n".encode()
        sha = hashlib.sha256(content).hexdigest()

        async def chunks(data=content):
            yield data

        await store.put_stream(content_key(sha), chunks(), limit=len(content))
        async with in_transaction():
            material = await add_material(
                case=case,
                requirement_code=req.code,
                source=MaterialSource.UPLOAD,
                file=StoredFile(
                    filename=f"{req.title}.pdf",
                    content_type="application/pdf",
                    size=len(content),
                    sha256=sha,
                    object_key=content_key(sha),
                ),
                added_by=principal.name,
            )
            await record_event(
                case,
                EventType.MATERIAL_ADDED,
                principal,
                data={"materialId": str(material.id), "requirementCode": req.code},
            )


async def seed() -> str:
    if await Project.filter(code__startswith=DEMO_MARK).exists():
        return "demo data already present"
    # All or nothing: a seed that fails half-way must not look "already present" next time.
    async with in_transaction():
        await _seed_cases()
    return f"demo data loaded: {await Case.all().count()} cases"


async def _seed_cases() -> None:
    p = Utility.POWER, Utility.WATER, Utility.GAS
    # A draft with nothing attached yet.
    await service.create_application(principal=WINDOW, data=_application(0, [p[1]], "一号仓库"))
    # Submitted with a missing material: the window will request a correction.
    case = await service.create_application(
        principal=WINDOW, data=_application(1, [p[0], p[2]], "新材料产业园二期")
    )
    await _attach_all(case, WINDOW, skip={"PROPERTY_TITLE"})
    await service.submit_application(principal=WINDOW, case_id=str(case.id))
    # Returned for correction.
    case = await service.create_application(
        principal=WINDOW, data=_application(2, [p[1], p[0]], "芙蓉花园三期")
    )
    await service.submit_application(principal=WINDOW, case_id=str(case.id))
    await window.request_correction(
        principal=WINDOW, case_id=str(case.id), items=[CorrectionEntry("请补充全部申请材料")]
    )
    # Accepted: tickets dispatched to all three utilities.
    case = await service.create_application(
        principal=WINDOW, data=_application(0, list(p), "武江区厂房新建工程")
    )
    await _attach_all(case, WINDOW)
    await service.submit_application(principal=WINDOW, case_id=str(case.id))
    await window.accept_case(principal=WINDOW, case_id=str(case.id))
    # Withdrawn by the enterprise.
    case = await service.create_application(
        principal=WINDOW, data=_application(1, [p[2]], "员工食堂燃气改造")
    )
    await service.withdraw_application(principal=WINDOW, case_id=str(case.id), reason="项目延期")
    # Zero-material (零材料): consent given, every mandatory material pulled as an e-licence.
    data = _application(2, [p[0]], "芙蓉花园四期配电")
    data.licence_consent = True
    case = await service.create_application(principal=WINDOW, data=data)
    await pull_licences(principal=WINDOW, case_id=str(case.id))
    await service.submit_application(principal=WINDOW, case_id=str(case.id))
    await _key_project()


async def _key_project() -> None:
    """A key project (绿色通道) accepted with power and gas: power has made its first contact,
    gas's contact is overdue (its clock moved back to have started a week or more ago)."""
    data = _application(1, [Utility.POWER, Utility.GAS], "丹霞新材料重点招商项目")
    data.is_key_project = True
    case = await service.create_application(principal=WINDOW, data=data)
    await _attach_all(case, WINDOW)
    await service.submit_application(principal=WINDOW, case_id=str(case.id))
    await window.accept_case(principal=WINDOW, case_id=str(case.id))
    power = await SlaClock.get(case_id=case.id, kind=str(ClockKind.GREEN_CHANNEL), utility="POWER")
    await record_contact(
        principal=Principal(role=Role.UTILITY, name="供电-陈工", utility=Utility.POWER),
        ticket_id=str(power.ticket_id),
        note="已电话联系项目经办人王五，约定次日上门勘察",
    )
    calendar = await get_calendar()
    started = clock.now() - timedelta(days=7)
    while (due := deadlines(calendar, ClockKind.GREEN_CHANNEL, started))[1] >= clock.now():
        started -= timedelta(days=1)  # a long holiday in the way
    await SlaClock.filter(case_id=case.id, kind=str(ClockKind.GREEN_CHANNEL), utility="GAS").update(
        started_at=started, warn_at=due[0], due_at=due[1]
    )
