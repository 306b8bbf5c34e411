"""The committed schema.graphql is what the code exports, and it holds the public contract
except the parts that open issues still own.

The contract and its checker are copied into contract/ so that a clone with nothing beside it
tests itself; when ../shared (the team's copy) sits beside the repository, the two must agree."""

from __future__ import annotations

import filecmp
import importlib.util
from pathlib import Path

import pytest

from hub.resolvers.schema import export_sdl

ROOT = Path(__file__).resolve().parent.parent
CONTRACT_DIR = ROOT / "contract"
SHARED_DIR = ROOT.parent / "shared"
# The checker finds the contract at ../contract.graphql relative to itself: same layout in both.
CONTRACT_FILES = ("contract.graphql", "tools/check_contract.py")

# Parts of the contract that later issues build; remove each issue's block as it lands.
EXPECTED_MISSING: set[str] = {
    # issue 15 accounts
    "Query.me missing",
    "Query.users missing",
    "Query.apiKeys missing",
    "Mutation.signIn missing",
    "Mutation.signOut missing",
    "Mutation.changePassword missing",
    "Mutation.createUser missing",
    "Mutation.disableUser missing",
    "Mutation.createApiKey missing",
    "Mutation.revokeApiKey missing",
    "missing type Role",
    "missing type Unit",
    "missing type User",
    "missing type Session",
    "missing type ApiKey",
    "missing type ApiKeyCreated",
    "missing type UserInput",
    # issue 16 liaisons and the green channel
    "Query.liaisons missing",
    "Query.inquiries missing",
    "Query.inquiry missing",
    "Mutation.setLiaisons missing",
    "Mutation.raiseInquiry missing",
    "Mutation.answerInquiry missing",
    "Mutation.planInquiry missing",
    "Mutation.setKeyProject missing",
    "Mutation.recordGreenChannelContact missing",
    "Case.greenChannel missing",
    "missing type InquiryStatus",
    "missing type Liaison",
    "missing type LiaisonInput",
    "missing type Inquiry",
    "missing type InquiryInput",
    "missing type InquiryFilter",
    "missing type InquiryEdge",
    "missing type InquiryConnection",
    "missing type GreenChannelContact",
    # issue 17 notifications
    "input ApplicantInput lacks contactEmail",
    "Case.notifications missing",
    "missing type NotificationChannel",
    "missing type NotificationStatus",
    "missing type Notification",
    # issue 21 project approvals
    "enum LicenceKind lacks PROJECT_REGISTRATION",
    "enum LicenceKind lacks LAND_USE_PLANNING_PERMIT",
    "enum LicenceKind lacks PLANNING_PERMIT",
    "enum LicenceKind lacks CONSTRUCTION_PERMIT",
}


def test_committed_schema_matches_the_code():
    committed = (ROOT / "schema.graphql").read_text()
    assert committed == export_sdl(), "schema.graphql is stale: run `make schema`"


def test_schema_holds_the_contract_but_for_open_issues():
    checker_path = CONTRACT_DIR / "tools" / "check_contract.py"
    spec = importlib.util.spec_from_file_location("check_contract", checker_path)
    checker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(checker)
    problems = set(checker.check((ROOT / "schema.graphql").read_text()))
    assert problems - EXPECTED_MISSING == set(), "contract broken"
    assert EXPECTED_MISSING - problems == set(), "landed: remove these from EXPECTED_MISSING"


@pytest.mark.parametrize("name", CONTRACT_FILES)
def test_the_contract_copy_is_the_shared_contract(name):
    shared = SHARED_DIR / name
    if not SHARED_DIR.is_dir():
        pytest.skip(f"{SHARED_DIR} absent: the repository's copy in contract/ is the contract")
    assert shared.is_file(), f"{shared} missing from ../shared"
    assert filecmp.cmp(CONTRACT_DIR / name, shared, shallow=False), (
        f"contract/{name} differs from ../shared/{name}: copy the shared one over "
        f"(`cp ../shared/{name} contract/{name}`)"
    )
