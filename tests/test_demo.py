"""`hub seed-demo`'s data (hub.demo.seed): cases in the states a demo needs, loaded once."""

from __future__ import annotations

import pytest

from hub import demo, models
from hub.enums import CaseStatus, Unit
from hub.jobs import inprocess
from hub.models import Case, Inquiry, Liaison, SlaClock, Ticket, User
from tests.api import CASES
from tests.factories import WINDOW

DEMO_STATES = {
    CaseStatus.DRAFT,
    CaseStatus.SUBMITTED,
    CaseStatus.CORRECTION_REQUIRED,
    CaseStatus.IN_PROGRESS,
    CaseStatus.WITHDRAWN,
}

IN_PROGRESS_CASE = """query($id: ID!) { case(id: $id) {
  caseNo status utilities acceptedAt
  tickets { utility status }
  checklist { requirementCode mandatory satisfied }
  documents { kind } } }"""

ZERO_MATERIAL_CASE = """query($id: ID!) { case(id: $id) {
  status utilities project { propertyTitleNo }
  checklist { requirementCode mandatory satisfied }
  materials { source licence { kind } }
  zeroMaterial materialFigures { byUpload } } }"""


async def _row_counts() -> dict[str, int]:
    return {name: await getattr(models, name).all().count() for name in models.__all__}


async def test_seed_creates_a_case_in_every_demo_state(database):
    message = await demo.seed()
    statuses = [case.status for case in await Case.all()]
    assert set(statuses) >= DEMO_STATES, statuses
    assert str(len(statuses)) in message


async def test_seeding_twice_changes_nothing(database):
    await demo.seed()
    await inprocess.drain()  # the demo notices render (DOCUMENT_READY events) first
    before = await _row_counts()
    message = await demo.seed()
    assert "already" in message
    await inprocess.drain()
    assert await _row_counts() == before


async def test_an_interrupted_seed_is_completed_by_the_next_run(database, monkeypatch):
    async def broken_accept(**_):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(demo.window, "accept_case", broken_accept)
    with pytest.raises(RuntimeError):
        await demo.seed()
    monkeypatch.undo()

    await demo.seed()
    statuses = {case.status for case in await Case.all()}
    assert statuses >= DEMO_STATES, statuses


async def test_in_progress_demo_case_is_dispatched_with_every_mandatory_material(api):
    await demo.seed()
    [case] = await Case.filter(
        status=CaseStatus.IN_PROGRESS,
        project__code__startswith=demo.DEMO_MARK,
        is_key_project=False,
    )
    tickets = await Ticket.filter(case_id=case.id)
    assert sorted(t.utility for t in tickets) == sorted(case.utilities)

    seen = (await api.ok(IN_PROGRESS_CASE, {"id": str(case.id)}, WINDOW))["case"]
    assert seen["status"] == "IN_PROGRESS" and seen["acceptedAt"]
    assert sorted(t["utility"] for t in seen["tickets"]) == sorted(seen["utilities"])
    mandatory = [c for c in seen["checklist"] if c["mandatory"]]
    assert mandatory
    assert [c["requirementCode"] for c in mandatory if not c["satisfied"]] == []
    assert "RECEIPT_NOTICE" in {d["kind"] for d in seen["documents"]}


async def test_a_power_and_gas_demo_case_is_accepted_with_every_material_pulled(api):
    await demo.seed()
    [case] = await Case.filter(project__code=demo.APPROVED_PROJECT_CODE)
    seen = (await api.ok(ZERO_MATERIAL_CASE, {"id": str(case.id)}, WINDOW))["case"]
    assert seen["status"] == "IN_PROGRESS" and seen["utilities"] == ["POWER", "GAS"]
    assert seen["project"]["propertyTitleNo"] is None  # the land-use planning permit instead
    assert all(c["satisfied"] for c in seen["checklist"] if c["mandatory"])
    assert {m["source"] for m in seen["materials"]} == {"E_LICENCE"}
    assert {m["licence"]["kind"] for m in seen["materials"]} == {
        "ID_CARD",
        "BUSINESS_LICENCE",
        "PROJECT_REGISTRATION",
        "LAND_USE_PLANNING_PERMIT",
        "PLANNING_PERMIT",
        "CONSTRUCTION_PERMIT",
    }
    assert seen["zeroMaterial"] is True and seen["materialFigures"]["byUpload"] == 0


async def test_window_lists_every_demo_case(api):
    await demo.seed()
    expected = {(c.case_no, str(c.status)) for c in await Case.all()}

    data = (await api.ok(CASES, {"first": 100}, WINDOW))["cases"]
    assert data["totalCount"] == len(expected)
    assert {(e["node"]["caseNo"], e["node"]["status"]) for e in data["edges"]} == expected
    assert not data["pageInfo"]["hasNextPage"]


async def test_seed_creates_the_demo_accounts_once_and_lists_them(database):
    from hub.models import User
    from hub.signin import flow
    from hub.signin.lockout import Lockout

    message = await demo.seed()
    for username in ("window", "water", "power", "gas", "liaison-power", "admin", "applicant"):
        assert f"  {username} " in message, message
    assert "Demo-Password-2026" in message
    users = {user.username: user for user in await User.all()}
    assert users["applicant"].uscc == "91440200MA4W123458"
    assert users["liaison-power"].unit == "POWER" and users["gas"].utility == "GAS"
    _, _, power = await flow.sign_in(
        "power", "Demo-Password-2026", address=None, lockout=Lockout(redis_url=None)
    )
    assert power.utility == "POWER"
    again = await demo.seed()
    assert "already" in again and "  admin " in again
    assert await User.all().count() == 7


async def test_demo_has_liaisons_for_every_unit_and_an_open_and_an_answered_inquiry(database):
    await demo.seed()
    units = {liaison.unit for liaison in await Liaison.all()}
    assert units == set(Unit)
    linked = await Liaison.exclude(user_id=None).values_list("unit", "user_id")
    assert linked == [(Unit.POWER, str((await User.get(username="liaison-power")).id))]
    statuses = sorted(str(inquiry.status) for inquiry in await Inquiry.all())
    assert statuses == ["ANSWERED", "OPEN"]
    assert await SlaClock.filter(inquiry_id__isnull=False, stopped_at=None).count() == 1


GREEN_CHANNEL = """query($id: ID!) { case(id: $id) {
  isKeyProject greenChannel { utility contactedAt note overdue } } }"""


async def test_the_key_project_has_one_contact_recorded_and_one_overdue(api):
    await demo.seed()
    [case] = await Case.filter(is_key_project=True)
    seen = (await api.ok(GREEN_CHANNEL, {"id": str(case.id)}, WINDOW))["case"]
    contacts = {c["utility"]: c for c in seen["greenChannel"]}
    assert contacts["POWER"]["contactedAt"] and contacts["POWER"]["note"]
    assert contacts["POWER"]["overdue"] is False
    assert contacts["GAS"]["contactedAt"] is None and contacts["GAS"]["overdue"] is True
