"""Issue 13, row 16: completions of different uploads on one case at once all succeed, while a
material change racing acceptCase still cannot slip past it.

Every material change bumps the case's version (hub/workflow/case_writes.py, lock_materials),
so a submit or accept that read the case before the change fails its version check. The bump
itself is conditional on the case's state, not its version: two independent completions no
longer conflict, but a completion that read the case before an acceptance does.

The real-HTTP races run against a served hub on PostgreSQL (tests/served.py); the ordered
interleavings (one request held at a known point while another commits) run on both databases.
"""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest

from hub.cases import window
from hub.models import Case, CaseEvent, Material
from hub.objectstore.base import ObjectStoreUnavailable
from tests.api import ACCEPT, COMPLETE_UPLOAD, REMOVE_MATERIAL, error_code
from tests.factories import (
    APPLICANT,
    MANDATORY_CODES,
    WINDOW,
    draft_case,
    random_pdf,
    submitted_case,
)
from tests.materials.test_object_store_api import LOCAL, announce, complete, put, stored
from tests.served import ServedHub

CODES = (*MANDATORY_CODES, "SITE_PLAN")  # four different materials of a power + gas case
# What the window scans in while the case is under formal review.
WINDOW_CODES = ("SITE_PLAN", "POWER_LOAD_LIST", "GAS_APPLIANCE_LIST")


# --- real concurrent requests (PostgreSQL) ---------------------------------------------------


async def test_four_completions_of_different_uploads_on_one_case_all_succeed(
    served_hub: ServedHub,
):
    hub = served_hub
    case = await draft_case(hub)
    uploads = [await hub.stage_upload(APPLICANT, case["id"], c, random_pdf()) for c in CODES]
    [before] = await hub.sql('SELECT version FROM "case" WHERE id = $1::uuid', case["id"])

    bodies = await hub.at_once(*((COMPLETE_UPLOAD, {"uploadId": u}, APPLICANT) for u in uploads))

    assert [b.get("errors") for b in bodies] == [None] * len(CODES), bodies
    materials = await hub.sql(
        "SELECT requirement_code FROM material WHERE case_id = $1::uuid", case["id"]
    )
    assert sorted(m["requirement_code"] for m in materials) == sorted(CODES)
    events = await hub.sql(
        "SELECT type FROM case_event WHERE case_id = $1::uuid AND type = 'MATERIAL_ADDED'",
        case["id"],
    )
    assert len(events) == len(CODES)
    [after] = await hub.sql('SELECT version FROM "case" WHERE id = $1::uuid', case["id"])
    assert after["version"] == before["version"] + len(CODES)


async def test_completions_racing_an_acceptance_never_add_a_material_after_it(
    served_hub: ServedHub,
):
    hub = served_hub
    case = await submitted_case(hub, with_materials=True)
    uploads = [await hub.stage_upload(WINDOW, case["id"], c, random_pdf()) for c in WINDOW_CODES]

    bodies = await hub.at_once(
        (ACCEPT, {"caseId": case["id"]}, WINDOW),
        *((COMPLETE_UPLOAD, {"uploadId": u}, WINDOW) for u in uploads),
    )

    accepted, completions = bodies[0], bodies[1:]
    refused = Counter(b["errors"][0]["extensions"]["code"] for b in bodies if b.get("errors"))
    assert set(refused) <= {"CONFLICT", "INVALID_STATE"}, bodies
    events = await hub.sql(
        "SELECT type FROM case_event WHERE case_id = $1::uuid ORDER BY id", case["id"]
    )
    types = [e["type"] for e in events]
    added = [b for b in completions if not b.get("errors")]
    if accepted.get("errors"):
        # The acceptance lost to a completion that committed after it had read the case.
        assert "CASE_ACCEPTED" not in types and added
    else:
        # Every material the window added came before the acceptance, never after it.
        assert "MATERIAL_ADDED" not in types[types.index("CASE_ACCEPTED") :]
    rows = await hub.sql(
        "SELECT count(*) AS n FROM material WHERE case_id = $1::uuid AND requirement_code = "
        "ANY($2::text[])",
        case["id"],
        list(WINDOW_CODES),
    )
    assert rows[0]["n"] == len(added)


# --- ordered interleavings, on both databases ----------------------------------------------


def held_verify(store):
    """The store's verify, holding the first call until released: a completion stopped after it
    read the case and before it writes."""
    original = store.store.verify
    reached, release = asyncio.Event(), asyncio.Event()

    async def verify(key: str):
        if not reached.is_set():
            reached.set()
            await release.wait()
        return await original(key)

    return verify, reached, release


@pytest.mark.parametrize("store", [LOCAL], indirect=True)
async def test_a_completion_overtaken_by_another_upload_on_the_case_still_succeeds(api, store):
    case = await draft_case(api)
    contents = [random_pdf(), random_pdf()]
    tickets = [
        await announce(api, case["id"], content, requirementCode=code)
        for content, code in zip(contents, CODES, strict=False)
    ]
    for ticket, content in zip(tickets, contents, strict=True):
        assert stored(await put(api, ticket, content))
    verify, reached, release = held_verify(store)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(store.store, "verify", verify)
        overtaken = asyncio.create_task(complete(api, tickets[0]))
        await reached.wait()
        first = await complete(api, tickets[1])
        release.set()
        second = await overtaken

    assert not first.get("errors") and not second.get("errors"), (first, second)
    assert await Material.filter(case_id=case["id"]).count() == 2


@pytest.mark.parametrize("store", [LOCAL], indirect=True)
async def test_a_completion_overtaken_by_the_acceptance_is_a_conflict(api, store):
    case = await submitted_case(api, with_materials=True)
    content = random_pdf()
    ticket = await announce(api, case["id"], content, WINDOW, requirementCode="SITE_PLAN")
    assert stored(await put(api, ticket, content))
    verify, reached, release = held_verify(store)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(store.store, "verify", verify)
        overtaken = asyncio.create_task(complete(api, ticket, WINDOW))
        await reached.wait()
        await api.ok(ACCEPT, {"caseId": case["id"]}, WINDOW)
        release.set()
        body = await overtaken

    assert error_code(body) == "CONFLICT"
    assert not await Material.filter(case_id=case["id"], requirement_code="SITE_PLAN").exists()
    types = [e.type for e in await CaseEvent.filter(case_id=case["id"]).order_by("id")]
    assert "MATERIAL_ADDED" not in types[types.index("CASE_ACCEPTED") :]


async def test_an_acceptance_overtaken_by_a_removal_is_a_conflict(api, monkeypatch):
    """The acceptance is held after it checked the materials; a removal commits meanwhile: the
    acceptance must not go on with a material missing."""
    case = await submitted_case(api, with_materials=True)
    licence = await Material.get(case_id=case["id"], requirement_code="BUSINESS_LICENCE")
    checklist = window.case_checklist
    reached, release = asyncio.Event(), asyncio.Event()

    async def held_checklist(row):
        entries = await checklist(row)
        reached.set()
        await release.wait()
        return entries

    monkeypatch.setattr(window, "case_checklist", held_checklist)
    acceptance = asyncio.create_task(api.raw(ACCEPT, {"caseId": case["id"]}, WINDOW))
    await reached.wait()
    await api.ok(REMOVE_MATERIAL, {"id": str(licence.id)}, WINDOW)
    release.set()
    body = await acceptance

    assert error_code(body) == "CONFLICT"
    assert (await Case.get(id=case["id"])).status == "SUBMITTED"


@pytest.mark.parametrize("store", [LOCAL], indirect=True)
async def test_a_store_error_caused_by_a_winning_completion_is_a_conflict(sqlite_api, store):
    """Two completions of the same upload: the loser's copy fails because the winner removed
    the staged bytes under it (moto answers 500 then). The loser hears CONFLICT, as it would
    had it come second, not UPSTREAM_UNAVAILABLE."""
    api = sqlite_api
    case = await draft_case(api)
    content = random_pdf()
    ticket = await announce(api, case["id"], content)
    assert stored(await put(api, ticket, content))
    original = store.store.promote
    reached, release = asyncio.Event(), asyncio.Event()

    async def promote(source_key: str, target_key: str) -> None:
        if reached.is_set():
            return await original(source_key, target_key)
        reached.set()
        await release.wait()
        raise ObjectStoreUnavailable("500 while copying: the source went away")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(store.store, "promote", promote)
        loser = asyncio.create_task(complete(api, ticket))
        await reached.wait()
        winner = await complete(api, ticket)
        release.set()
        body = await loser

    assert not winner.get("errors"), winner
    assert error_code(body) == "CONFLICT"
    assert await Material.filter(case_id=case["id"]).count() == 1
