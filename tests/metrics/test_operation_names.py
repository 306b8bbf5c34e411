"""Operation names come from clients: the label set of `hub_graphql_operation_seconds` stays
bounded however many distinct names they send, and only well-formed names become labels."""

from __future__ import annotations

import pytest

from hub import metrics
from hub.metrics import ANONYMOUS, OPERATION_NAME_CAP, OTHER
from tests.metrics.support import scrape

OPERATIONS = "hub_graphql_operation_seconds_count"


@pytest.fixture(autouse=True)
def names_seen_before():
    """The names this test fills the cap with are forgotten after it: later tests in this
    process count their own names under themselves."""
    seen = set(metrics._operation_names._seen)
    yield
    metrics._operation_names._seen = seen


async def send(api, query: str, operation_name: str | None = None):
    body = {"query": query, **({"operationName": operation_name} if operation_name else {})}
    return await api.http.post("/graphql", json=body)


async def test_distinct_names_beyond_the_cap_count_as_other(sqlite_api):
    before = await scrape(sqlite_api.http)
    sent = OPERATION_NAME_CAP + 50
    for number in range(sent):
        answer = await send(sqlite_api, f"query Probe{number} {{ __typename }}")
        assert answer.status_code == 200 and "errors" not in answer.json()

    after = await scrape(sqlite_api.http)
    labels = after.label_values(OPERATIONS, "operation")
    assert len(labels) <= OPERATION_NAME_CAP + 2, "the cap, anonymous and other"
    probes = {label for label in labels if label.startswith("Probe")}
    assert 0 < len(probes) <= OPERATION_NAME_CAP
    others = after.value(OPERATIONS, operation=OTHER, code="OK")
    assert others - before.value(OPERATIONS, operation=OTHER, code="OK") >= sent - len(probes)


async def test_malformed_and_missing_names(sqlite_api):
    before = await scrape(sqlite_api.http)
    too_long = "N" * 65
    await send(sqlite_api, f"query {too_long} {{ __typename }}")
    # A name the document does not hold, as a client may send anything in operationName.
    unknown = await send(sqlite_api, "query Known { __typename }", "<script>alert(1)</script>")
    assert unknown.status_code == 400
    await send(sqlite_api, "{ __typename }")

    after = await scrape(sqlite_api.http)
    labels = after.label_values(OPERATIONS, "operation")
    assert too_long not in labels and not any("<" in label for label in labels)
    gained = {
        label: sum(
            after.value(OPERATIONS, operation=label, code=code)
            - before.value(OPERATIONS, operation=label, code=code)
            for code in after.label_values(OPERATIONS, "code")
        )
        for label in labels
    }
    assert gained[OTHER] == 2
    assert after.value(OPERATIONS, operation=OTHER, code="BAD_REQUEST") > before.value(
        OPERATIONS, operation=OTHER, code="BAD_REQUEST"
    )
    assert gained[ANONYMOUS] == 1
