"""The console is a GraphQL client like any other: each file of console/src/operations/ holds
one named operation, valid against the committed schema.graphql, named as its file."""

from __future__ import annotations

from pathlib import Path

import pytest
from graphql import OperationDefinitionNode, build_schema, parse, validate

ROOT = Path(__file__).resolve().parents[2]
OPERATIONS = sorted((ROOT / "console" / "src" / "operations").glob("*.graphql"))
SCHEMA = build_schema((ROOT / "schema.graphql").read_text(encoding="utf-8"))


def test_the_console_has_operations():
    assert len(OPERATIONS) >= 4


@pytest.mark.parametrize("path", OPERATIONS, ids=lambda path: path.stem)
def test_each_operation_is_valid_against_the_schema(path: Path):
    document = parse(path.read_text(encoding="utf-8"))
    assert validate(SCHEMA, document) == []
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    assert [operation.name.value for operation in operations] == [path.stem]


def test_every_operation_file_is_used_by_the_console():
    sources = "\n".join(
        p.read_text(encoding="utf-8")
        for p in (ROOT / "console" / "src").rglob("*")
        if p.suffix in {".js", ".vue"}
    )
    unused = [p.name for p in OPERATIONS if f"operations/{p.name}?raw" not in sources]
    assert unused == []
