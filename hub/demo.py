"""Demo data for `make run`: a few enterprises and cases in different states (idempotent)."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

from hub import clock
from hub.accounts.passwords import policy_problem
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
from hub.enums import EventType, MaterialSource, Role, Unit, Utility
from hub.errors import BadUserInput
from hub.events.record import record_event
from hub.green_channel.service import record_contact
from hub.guide.catalogue import requirements_for
from hub.liaisons import inquiries
from hub.liaisons.roster import LiaisonEntry, set_liaisons
from hub.licences.service import pull_licences
from hub.models import Case, Project, SlaClock, User
from hub.objectstore import get_object_store
from hub.objectstore.base import content_key
from hub.settings import DEFAULT_DEMO_PASSWORD, get_settings
from hub.signin.administration import NewUser, add_user
from hub.sla.calendar_source import get_calendar
from hub.sla.clocks import deadlines
from hub.sla.kinds import ClockKind
from hub.transactions import in_transaction
from hub.workflow.material_writes import StoredFile, add_material

DEMO_MARK = "DEMO-"
WINDOW = Principal(role=Role.WINDOW, name="窗口-李四")
ADMIN = Principal(role=Role.ADMIN, name="管理员")
#: Each member unit's liaisons: the unit's office line, and for two of them a second person.
LIAISONS = {
    Unit.SERVICE_CENTRE: [LiaisonEntry("陈晓明", "0751-8890001")],
    Unit.WATER: [LiaisonEntry("黄志强", "0751-8123001"), LiaisonEntry("林小燕", "13800007101")],
    Unit.POWER: [LiaisonEntry("刘建国", "0751-8456001"), LiaisonEntry("周敏", "13800007201")],
    Unit.GAS: [LiaisonEntry("吴海涛", "0751-8789001")],
}
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


# The walkthrough's project (README): its approvals are in the demo approval registry
# (hub/connectors/demo_approvals.json), held by the first enterprise.
APPROVED_PROJECT_CODE = "2026-440203-47-01-000001"


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


# API.md "Accounts and sign-in": (username, display name, role, utility, unit, USCC).
DEMO_ACCOUNTS = [
    ("window", "窗口-李四", Role.WINDOW, None, None, None),
    ("water", "水投-审核员", Role.UTILITY, Utility.WATER, None, None),
    ("power", "供电-审核员", Role.UTILITY, Utility.POWER, None, None),
    ("gas", "燃气-审核员", Role.UTILITY, Utility.GAS, None, None),
    ("liaison-power", "供电-联络员", Role.LIAISON, None, Unit.POWER, None),
    ("admin", "管理员", Role.ADMIN, None, None, None),
    ("applicant", "张三（韶关市某某建设有限公司）", Role.APPLICANT, None, None, ENTERPRISES[0][0]),
]


async def seed() -> str:
    accounts = await seed_accounts()
    if await Project.filter(code__startswith=DEMO_MARK).exists():
        return f"demo data already present\n{accounts}"
    # All or nothing: a seed that fails half-way must not look "already present" next time.
    async with in_transaction():
        await _seed_cases()
    return f"demo data loaded: {await Case.all().count()} cases\n{accounts}"


async def seed_accounts() -> str:
    """The demo accounts that are missing, with HUB_DEMO_PASSWORD; existing ones are left as
    they are. Lists them all (the password's value only when it is the documented default)."""
    password = get_settings().demo_password
    if (problem := policy_problem(password)) is not None:
        raise BadUserInput.one("HUB_DEMO_PASSWORD", problem)
    for username, name, role, utility, unit, uscc in DEMO_ACCOUNTS:
        if not await User.filter(username=username).exists():
            await add_user(NewUser(username, name, role, password, utility, unit, uscc))
    shown = password if password == DEFAULT_DEMO_PASSWORD else "HUB_DEMO_PASSWORD"
    lines = [f"demo accounts (演示账号), password {shown}:"]
    for username, _, role, utility, unit, uscc in DEMO_ACCOUNTS:
        binding = utility or unit or uscc or ""
        lines.append(f"  {username:<14} {role.name:<9} {binding}".rstrip())
    return "\n".join(lines)


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
    await _seed_liaisons_and_inquiries(case)
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
    # True zero material for power and gas: a new build with no property title yet, every
    # requirement the 工建系统 or the e-licence service holds pulled (the land-use planning
    # permit standing for the title), accepted with nothing uploaded.
    data = _application(0, [p[0], p[2]], "武江区智能制造厂房新建工程")
    data.project.code, data.project.property_title_no = APPROVED_PROJECT_CODE, None
    data.licence_consent = True
    case = await service.create_application(principal=WINDOW, data=data)
    await pull_licences(principal=WINDOW, case_id=str(case.id))
    await service.submit_application(principal=WINDOW, case_id=str(case.id))
    await window.accept_case(principal=WINDOW, case_id=str(case.id))
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


async def _seed_liaisons_and_inquiries(accepted: Case) -> None:
    """Liaisons for every unit; about the accepted case, an open inquiry to the power utility
    and one the gas utility answered."""
    # The POWER liaison is the demo account liaison-power (seed_accounts ran first).
    power_user = await User.get(username="liaison-power")
    first, *rest = LIAISONS[Unit.POWER]
    linked = {**LIAISONS, Unit.POWER: [replace(first, user_id=str(power_user.id)), *rest]}
    for unit, entries in linked.items():
        await set_liaisons(principal=ADMIN, unit=unit, entries=entries)
    await inquiries.raise_inquiry(
        principal=WINDOW,
        unit=Unit.POWER,
        case_id=str(accepted.id),
        question="该项目申请 630kVA，请确认附近 10kV 线路是否有可用间隔。",
    )
    asked = await inquiries.raise_inquiry(
        principal=WINDOW,
        unit=Unit.GAS,
        case_id=str(accepted.id),
        question="园区燃气中压管道是否已敷设到厂区门口？",
    )
    gas = Principal(role=Role.LIAISON, name="吴海涛", unit=str(Unit.GAS))
    await inquiries.answer_inquiry(
        principal=gas, inquiry_id=str(asked.id), answer="已敷设到园区路口，距厂区约 80 米。"
    )
