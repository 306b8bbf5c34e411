"""Issue 13, row 6: variable coercion errors keep GraphQL's standard form (graphql-core's
message, no INTERNAL code) and are logged without a stack trace."""

from __future__ import annotations

import logging

import pytest

from tests.api import CASES, error_of
from tests.factories import WINDOW

IS_WORKING_DAY = "query($date: Date!) { isWorkingDay(date: $date) }"

CASES_WITH = [
    ("first-not-a-number", CASES, {"first": "abc"}, "Variable '$first'"),
    ("first-over-32-bits", CASES, {"first": 2**31}, "Variable '$first'"),
    ("unknown-enum-value", CASES, {"filter": {"status": ["NOPE"]}}, "Variable '$filter'"),
    ("missing-required-variable", IS_WORKING_DAY, {}, "Variable '$date'"),
    ("date-variable-not-a-date", IS_WORKING_DAY, {"date": "x"}, "不是有效的日期"),
    ("date-literal-not-a-date", '{ isWorkingDay(date: "x") }', {}, "不是有效的日期"),
]


@pytest.mark.parametrize(
    ("query", "variables", "expected"),
    [c[1:] for c in CASES_WITH],
    ids=[c[0] for c in CASES_WITH],
)
async def test_a_coercion_error_keeps_the_standard_form(
    sqlite_api, caplog, query, variables, expected
):
    caplog.set_level(logging.INFO)
    body = await sqlite_api.raw(query, variables, WINDOW)
    error = error_of(body)
    assert body["data"] is None
    assert expected in error["message"]
    assert "internal error" not in error["message"]
    assert (error.get("extensions") or {}).get("code") != "INTERNAL"
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.WARNING]
    assert len([r for r in caplog.records if r.name == "hub.graphql"]) == 1


async def test_a_date_is_still_read(sqlite_api):
    data = await sqlite_api.ok(IS_WORKING_DAY, {"date": "2026-01-05"}, WINDOW)
    assert data == {"isWorkingDay": True}
