"""The README's demo walkthrough works as written: its createApplication, run as the demo
enterprise's applicant, files a case whose three licences the demo registry supplies and whose
project approvals the demo approval registry supplies, and the case can then be submitted and
accepted (issue 24: input values that work with the registries)."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import time_machine

from hub.connectors import get_approval_provider, get_licence_provider
from tests.api import ACCEPT, SUBMIT, token_for
from tests.factories import ENTERPRISE_A, SHANGHAI

README = Path(__file__).resolve().parent.parent / "README.md"
PULL = """mutation($caseId: ID!) { pullLicences(caseId: $caseId) {
  materials { requirementCode } failures { kind code message } } }"""


def walkthrough_mutation() -> str:
    section = README.read_text(encoding="utf-8").split("### Demo walkthrough", 1)[1]
    return re.search(r"```graphql\n(.*?)```", section, re.S).group(1)


async def test_the_readme_walkthrough_files_a_zero_material_case(sqlite_api):
    get_licence_provider.cache_clear()
    get_approval_provider.cache_clear()
    # The example's appointment is a fixed date: file it while that is still in the future.
    with time_machine.travel(datetime(2026, 12, 1, 10, tzinfo=SHANGHAI), tick=True):
        applicant, window = token_for("applicant", org=ENTERPRISE_A), token_for("window")
        case = (await sqlite_api.ok(walkthrough_mutation(), token=applicant))["createApplication"]
        pulled = (await sqlite_api.ok(PULL, {"caseId": case["id"]}, applicant))["pullLicences"]
        assert pulled["failures"] == []
        assert {m["requirementCode"] for m in pulled["materials"]} == {
            "BUSINESS_LICENCE",
            "AGENT_ID_CARD",
            "PROPERTY_TITLE",
            "PROJECT_REGISTRATION",
            "PLANNING_PERMIT",
            "CONSTRUCTION_PERMIT",
        }
        await sqlite_api.ok(SUBMIT, {"caseId": case["id"]}, applicant)
        accepted = (await sqlite_api.ok(ACCEPT, {"caseId": case["id"]}, window))["acceptCase"]
    assert accepted["status"] == "IN_PROGRESS"
    assert {t["utility"] for t in accepted["tickets"]} == {"POWER", "GAS"}
