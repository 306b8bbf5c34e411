"""`hub operations add FILE…` and `hub operations list`: a file is one document, registered
under the sha256 of its text; a file that does not validate registers nothing."""

from __future__ import annotations

from tortoise.backends.base.executor import EXECUTOR_CACHE
from typer.testing import CliRunner

from hub import cli
from hub.persisted_operations.documents import sha256_hex
from tests.persisted_operations.support import WORKING_DAY

runner = CliRunner()


def hub(*args: str):
    try:
        return runner.invoke(cli.app, list(args))
    finally:
        EXECUTOR_CACHE.clear()


def test_add_prints_what_it_registered_once(tmp_path):
    path = tmp_path / "portal.graphql"
    path.write_bytes(WORKING_DAY.replace("\n", "\r\n").encode())  # hashed as read: CRLF kept
    expected = sha256_hex(WORKING_DAY.replace("\n", "\r\n"))

    first = hub("operations", "add", str(path))
    second = hub("operations", "add", str(path))
    listed = hub("operations", "list")

    assert first.exit_code == 0, first.output
    assert first.stdout == f"{expected}  WorkingDay,Holiday  {path}  new\n"
    assert second.stdout == f"{expected}  WorkingDay,Holiday  {path}  already registered\n"
    assert f"{expected}  WorkingDay,Holiday  {path}" in listed.stdout


def test_a_file_that_does_not_validate_registers_nothing(tmp_path):
    good, bad = tmp_path / "good.graphql", tmp_path / "bad.graphql"
    good.write_text('query Good { isWorkingDay(date: "2026-12-02") }\n')
    bad.write_text("query Bad { noSuchField }\n")

    result = hub("operations", "add", str(good), str(bad))

    assert result.exit_code == 2
    assert "bad.graphql" in result.stderr and "noSuchField" in result.stderr
    assert sha256_hex(good.read_text()) not in hub("operations", "list").stdout


def test_a_file_that_is_not_utf8_text_is_refused(tmp_path):
    path = tmp_path / "latin1.graphql"
    path.write_bytes('query Café { isWorkingDay(date: "2026-12-02") }'.encode("latin-1"))

    result = hub("operations", "add", str(path))

    assert result.exit_code == 2
    assert "UTF-8" in result.stderr
