"""Issue 24's "done when" for metrics: a case's whole life through the API (licences pulled,
filed, accepted, its SLA clock warned and breached, reviewed, surveyed, answered), a webhook
receiver registered, a named query that fails, a caller over its budget; then `/metrics`,
parsed with prometheus_client's parser, counts each of them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest
import time_machine

from hub import wiring
from hub.app import create_app
from hub.jobs import inprocess
from hub.jobs.constants import SLA_SWEEP_JOB
from hub.settings import get_settings
from tests.api import REPLY, RESULT, REVIEW, SURVEY, Api
from tests.factories import (
    APPLICANT,
    SHANGHAI,
    UTILITY,
    WINDOW,
    draft_case,
    submit_and_accept,
    tickets_by_utility,
)
from tests.licences.test_pull_api import PULL
from tests.metrics.support import scrape
from tests.webhooks.support import register

AUTH_FAILURE_BUDGET = 2
NAMED_CASE = "query CaseOverview($id: ID!) { case(id: $id) { id status } }"
RESULT_FORM = {
    "outcome": "APPROVED",
    "externalWorks": False,
    "renovationAdvice": "按图改造",
    "designPlan": "10kV 专变 630kVA",
    "quoteAmount": "1200.00",
}
NOTICES = ("APPLICATION_FORM", "RECEIPT_NOTICE", "RESULT_FEEDBACK_FORM", "CONSOLIDATED_REPLY")
FAMILIES = (
    "hub_graphql_operation_seconds",
    "hub_http_responses",
    "hub_websockets_open",
    "hub_subscriptions_active",
    "hub_job_queue_depth",
    "hub_jobs",
    "hub_document_renders",
    "hub_document_render_seconds",
    "hub_sla_warnings",
    "hub_sla_breaches",
    "hub_webhook_deliveries",
    "hub_inquiries",
    "hub_licence_pulls",
    "hub_rate_limit_refusals",
)


@pytest.fixture
async def hub(sqlite_database, monkeypatch):
    """The hub in-process with a budget of failed authentications small enough to spend."""
    monkeypatch.setenv("HUB_RATE_LIMIT_AUTH_FAILURES", f"{AUTH_FAILURE_BUDGET}/minute")
    get_settings.cache_clear()
    app = create_app(manage_database=False)
    try:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://hub.test"
        ) as client:
            yield client
    finally:
        await app.state.rate_budgets.aclose()
        monkeypatch.undo()
        get_settings.cache_clear()


async def sweep_sla_a_month_later() -> None:
    """The periodic SLA sweep (the one the in-process loop and arq's cron run) a month on:
    every open clock is past 80% and past its deadline."""
    (sweep,) = (job for job in wiring.PERIODIC_JOBS if job.name == SLA_SWEEP_JOB)
    with time_machine.travel(datetime.now(UTC) + timedelta(days=30), tick=False):
        assert await sweep.run() == {"warnings": 1, "breaches": 1}


async def live_case(api: Api, receiver) -> str:
    """A POWER case from licences to the consolidated reply; its id."""
    await register(api, receiver, "metrics", "POWER", ["TICKET_DISPATCHED"])
    case = await draft_case(api, ("POWER",), licenceConsent=True)
    pulled = (await api.ok(PULL, {"caseId": case["id"]}, APPLICANT))["pullLicences"]
    assert pulled["failures"] == [] and len(pulled["materials"]) == 7  # 3 licences, 4 approvals
    accepted = await submit_and_accept(api, case["id"], APPLICANT)
    ticket = tickets_by_utility(accepted)["POWER"]
    await sweep_sla_a_month_later()
    power = UTILITY["POWER"]
    await api.ok(REVIEW, {"id": ticket, "decision": "ELIGIBLE"}, power)
    surveyed_at = (datetime.now(SHANGHAI) - timedelta(minutes=30)).isoformat()
    await api.ok(SURVEY, {"ids": [ticket], "at": surveyed_at}, WINDOW)
    await api.ok(RESULT, {"id": ticket, "input": RESULT_FORM}, power)
    replied = (await api.ok(REPLY, {"caseId": case["id"]}, WINDOW))["issueConsolidatedReply"]
    assert replied["status"] == "REPLIED", replied["status"]
    await inprocess.drain()  # the notices rendered, the webhook delivered
    assert receiver.statuses("metrics") == [200]
    return case["id"]


async def test_metrics_count_what_a_lifecycle_did(hub, receiver):
    api = Api(hub)
    before = await scrape(hub)

    case_id = await live_case(api, receiver)
    found = await api.ok(NAMED_CASE, {"id": case_id}, WINDOW)
    assert found["case"]["status"] == "REPLIED"
    anonymous_caller = await api.error(NAMED_CASE, {"id": case_id})  # no token
    assert anonymous_caller["extensions"]["code"] == "UNAUTHENTICATED"
    answers = [
        await api.http.post(
            "/graphql", json={"query": "{ __typename }"}, headers={"Authorization": "Bearer forged"}
        )
        for _ in range(AUTH_FAILURE_BUDGET + 1)
    ]
    assert [a.status_code for a in answers][-1] == 429

    after = await scrape(hub)
    assert set(FAMILIES) <= set(after.families), set(FAMILIES) - set(after.families)

    def gained(sample: str, **labels: str) -> float:
        return after.value(sample, **labels) - before.value(sample, **labels)

    operations = "hub_graphql_operation_seconds_count"
    assert gained(operations, operation="CaseOverview", code="OK") == 1
    assert gained(operations, operation="CaseOverview", code="UNAUTHENTICATED") == 1
    assert gained(operations, operation="anonymous", code="OK") >= 10
    assert gained("hub_http_responses_total", route="/graphql", status="200") >= 10
    assert gained("hub_http_responses_total", route="/graphql", status="429") == 1
    assert gained("hub_http_responses_total", route="/metrics", status="200") == 1
    for kind in NOTICES:
        assert gained("hub_document_renders_total", kind=kind, outcome="ready") == 1, kind
        assert gained("hub_document_render_seconds_count", kind=kind) == 1, kind
    assert gained("hub_jobs_total", job="render_document", outcome="ok") >= 4
    assert gained("hub_jobs_total", job="webhook_deliver", outcome="ok") >= 1
    assert gained("hub_jobs_total", job=SLA_SWEEP_JOB, outcome="ok") == 1
    assert gained("hub_sla_warnings_total", clock="UTILITY_REVIEW_FEEDBACK") == 1
    assert gained("hub_sla_breaches_total", clock="UTILITY_REVIEW_FEEDBACK") == 1
    assert gained("hub_webhook_deliveries_total", outcome="delivered") == 1
    for kind in ("ID_CARD", "BUSINESS_LICENCE", "PROPERTY_TITLE", "CONSTRUCTION_PERMIT"):
        assert gained("hub_licence_pulls_total", kind=kind, outcome="OK") == 1, kind
    assert gained("hub_rate_limit_refusals_total", budget="auth_failures") == 1
    assert after.value("hub_job_queue_depth", state="running") == 0  # drained
