"""The committed schema.graphql is what the code exports, and it holds the public contract
except the parts that open issues still own."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from hub.schema.schema import export_sdl

ROOT = Path(__file__).resolve().parent.parent
CHECKER = ROOT.parent / "shared" / "tools" / "check_contract.py"

# Parts of the contract that later issues build; remove each line as its issue lands.
EXPECTED_MISSING: set[str] = set()


def test_committed_schema_matches_the_code():
    committed = (ROOT / "schema.graphql").read_text()
    assert committed == export_sdl(), "schema.graphql is stale: run `make schema`"


def test_schema_holds_the_contract_but_for_open_issues():
    if not CHECKER.exists():
        pytest.fail(f"contract checker not found at {CHECKER} (../shared must sit beside the repo)")
    spec = importlib.util.spec_from_file_location("check_contract", CHECKER)
    checker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(checker)
    problems = set(checker.check((ROOT / "schema.graphql").read_text()))
    assert problems - EXPECTED_MISSING == set(), "contract broken"
    assert EXPECTED_MISSING - problems == set(), "landed: remove these from EXPECTED_MISSING"
