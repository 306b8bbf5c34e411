"""The README's demo walkthrough works as written: its createApplication, run as the demo
enterprise's applicant, files a case whose three licences the demo registry supplies and whose
project approvals the demo approval registry supplies, and the case can then be submitted and
accepted (issue 24: input values that work with the registries). The applicant and the window
are the demo accounts, signed in as the README says."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import time_machine

from hub.connectors import get_approval_provider, get_licence_provider
from hub.demo import seed_accounts
from tests.api import ACCEPT, SUBMIT
from tests.factories import SHANGHAI, session_token

README = Path(__file__).resolve().parent.parent / "README.md"
PULL = """mutation($caseId: ID!) { pullLicences(caseId: $caseId) {
  materials { requirementCode } failures { kind code message } } }"""


def walkthrough() -> str:
    return README.read_text(encoding="utf-8").split("### Demo walkthrough", 1)[1]


def walkthrough_mutation() -> str:
    return re.search(r"```graphql\n(.*?)```", walkthrough(), re.S).group(1)


def walkthrough_password() -> str:
    return re.search(r'password:\s*"([^"]+)"', walkthrough()).group(1)


async def test_the_readme_walkthrough_files_a_zero_material_case(sqlite_api):
    get_licence_provider.cache_clear()
    get_approval_provider.cache_clear()
    await seed_accounts()
    password = walkthrough_password()
    # The example's appointment is a fixed date: file it while that is still in the future.
    with time_machine.travel(datetime(2026, 12, 1, 10, tzinfo=SHANGHAI), tick=True):
        applicant = await session_token(sqlite_api, "applicant", password)
        window = await session_token(sqlite_api, "window", password)
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
