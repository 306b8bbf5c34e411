"""Issue 24, audit trail: the hash chain verifies after a whole case; `hub audit verify` names the
first entry altered or removed by SQL; pruning keeps it verifiable; a change and its entry land
together."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from hub.audit import chain
from hub.audit.retention import prune_before, prune_expired
from hub.jobs import inprocess
from hub.models import AuditEntry, Case, Material
from hub.settings import SettingsError, get_settings
from tests.api import ACCEPT, CREATE, token_for
from tests.audit.support import hub_audit_verify, hub_command, sql
from tests.documents.support import full_case
from tests.factories import APPLICANT, ENTERPRISE_A, WINDOW, accepted_case, application


async def test_a_whole_case_leaves_a_chain_that_verifies(api):
    built = await full_case(api)
    await inprocess.drain()

    result = await chain.verify()
    assert result.intact, result.problem
    entries = await AuditEntry.all().order_by("seq")
    assert result.verified == len(entries) == entries[-1].seq
    actions = Counter(e.action for e in entries)
    # Every mutation of the journey once, with the licence pulls and no failure.
    assert actions["createApplication"] == actions["pullLicences"] == 1
    assert actions["acceptCase"] == actions["issueConsolidatedReply"] == 1
    assert actions["reviewTicket"] == 5
    assert actions["submitResultFeedback"] == 3
    # One entry per kind pulled: the three e-licences and the project's four approvals.
    pulled = await Material.filter(case_id=built.case_id, source="E_LICENCE").count()
    assert actions["LICENCE_PULL"] == 7 == pulled
    assert actions["completeMaterialUpload"] == actions["requestMaterialUpload"] > 0
    assert {e.outcome for e in entries} == {"OK"}
    # The ticket steps are found under their case too.
    reviews = [e for e in entries if e.action == "reviewTicket"]
    assert {str(e.case_id) for e in reviews} == {built.case_id}
    assert {e.subject for e in reviews} == {f"Ticket:{t}" for t in built.tickets.values()}


async def test_hub_audit_verify_names_the_entry_altered_by_sql(api, database):
    await accepted_case(api)
    intact = await hub_audit_verify(database)
    assert intact.returncode == 0, intact.stderr
    count = await AuditEntry.all().count()
    assert f"{count} entries verified" in intact.stdout

    victim = await AuditEntry.get(seq=3)
    await sql(f"UPDATE audit_entry SET actor = 'someone else' WHERE id = {victim.id}")

    broken = await hub_audit_verify(database)
    assert broken.returncode == 1
    assert f"entry seq 3, id {victim.id}, was altered" in broken.stderr, broken.stderr


async def test_an_entry_whose_hash_was_rewritten_too_is_named(api, database):
    await accepted_case(api)
    victim = await AuditEntry.get(seq=4)
    victim.outcome = "FORBIDDEN"
    forged = chain.entry_hash(victim)
    await sql(f"UPDATE audit_entry SET outcome = 'FORBIDDEN', hash = '{forged}' WHERE seq = 4")

    broken = await hub_audit_verify(database)
    assert broken.returncode == 1
    assert f"entry seq 4, id {victim.id}, was altered" in broken.stderr, broken.stderr


@pytest.mark.parametrize("seq", [1, 5])
async def test_a_removed_entry_is_named(api, database, seq):
    await accepted_case(api)
    await sql(f"DELETE FROM audit_entry WHERE seq = {seq}")

    broken = await hub_audit_verify(database)
    assert broken.returncode == 1
    assert f"entry seq {seq} was removed" in broken.stderr, broken.stderr


async def test_pruned_entries_leave_an_anchor_and_the_chain_still_verifies(api):
    await accepted_case(api)
    entries = await AuditEntry.all().order_by("seq")
    assert await prune_expired() == 0, "HUB_AUDIT_RETENTION_DAYS unset keeps every entry"

    assert await prune_before(entries[4].at) == 4
    kept = await AuditEntry.all().order_by("seq")
    assert [e.seq for e in kept][:2] == [5, 6]
    anchor = kept[-1]
    assert (anchor.action, anchor.actor) == ("AUDIT_PRUNED", "system")
    assert anchor.details == {"throughSeq": 4, "throughHash": entries[3].hash, "removed": 4}
    result = await chain.verify()
    assert result.intact, result.problem
    assert result.verified == len(kept)

    # The oldest entry kept is removed by hand: not a prune, and said so.
    await sql("DELETE FROM audit_entry WHERE seq = 5")
    assert (await chain.verify()).problem.startswith("第 5 条已被删除 (entry seq 5 was removed")


async def test_the_periodic_job_keeps_what_hub_audit_retention_days_asks(api, monkeypatch):
    with time_machine.travel(datetime.now(UTC) - timedelta(days=200)):
        then = token_for("applicant", org=ENTERPRISE_A)  # valid back then
        await api.ok(CREATE, {"input": application()}, then)
    await api.ok(CREATE, {"input": application()}, APPLICANT)
    monkeypatch.setenv("HUB_AUDIT_RETENTION_DAYS", "180")
    get_settings.cache_clear()
    try:
        assert await prune_expired() == 1
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
    assert [e.action for e in await AuditEntry.all().order_by("seq")] == [
        "createApplication",
        "AUDIT_PRUNED",
    ]
    assert (await chain.verify()).intact


def test_a_retention_shorter_than_six_months_is_refused(monkeypatch):
    monkeypatch.setenv("HUB_AUDIT_RETENTION_DAYS", "30")
    get_settings.cache_clear()
    try:
        with pytest.raises(SettingsError, match="HUB_AUDIT_RETENTION_DAYS"):
            get_settings()
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()


async def test_a_failed_operation_changes_nothing_and_is_audited_with_its_code(api):
    draft = (await api.ok(CREATE, {"input": application()}, APPLICANT))["createApplication"]
    error = await api.error(ACCEPT, {"caseId": draft["id"]}, WINDOW)
    assert error["extensions"]["code"] == "INVALID_STATE"

    entry = await AuditEntry.filter(action="acceptCase").get()
    assert (entry.outcome, entry.role) == ("INVALID_STATE", "window")
    assert str(entry.case_id) == draft["id"]
    assert entry.on_behalf is True  # window staff act for the applicant
    assert (await Case.get(id=draft["id"])).status == "DRAFT"
    assert (await chain.verify()).intact


async def test_a_change_whose_entry_cannot_be_written_does_not_happen(api, monkeypatch):
    def refuse(entry):
        raise RuntimeError("the audit store is full")

    monkeypatch.setattr(chain, "entry_hash", refuse)
    error = await api.error(CREATE, {"input": application()}, APPLICANT)
    assert error["extensions"]["code"] == "INTERNAL"
    assert await Case.all().count() == 0
    assert await AuditEntry.all().count() == 0


async def test_a_command_line_change_is_audited_under_the_account_running_it(database):
    moved = await hub_command(database, "recompute-clocks")
    assert moved.returncode == 0, moved.stderr

    entry = await AuditEntry.get(action="recompute-clocks")
    assert (entry.role, entry.outcome, entry.address) == ("system", "OK", None)
    assert entry.actor.startswith("cli:")
    assert (await chain.verify()).intact
