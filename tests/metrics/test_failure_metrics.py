"""What goes wrong is counted as such: a notice whose store is down (three retried tries, then
failed for good) and a webhook receiver that fails once (retrying, then delivered)."""

from __future__ import annotations

from hub.jobs import inprocess
from hub.jobs.constants import RENDER_DOCUMENT_JOB
from hub.objectstore import get_object_store
from tests.api import ACCEPT
from tests.documents.support import use_s3_store
from tests.factories import WINDOW, submitted_case
from tests.metrics.support import scrape
from tests.served import free_port
from tests.webhooks.support import register


async def test_failed_renders_and_retried_deliveries_are_counted(sqlite_api, receiver, monkeypatch):
    api = sqlite_api
    await register(api, receiver, "flaky", "GAS", ["TICKET_DISPATCHED"], fail_first=1)
    case = await submitted_case(api, ("GAS",), with_materials=True)
    await inprocess.drain()  # the application form, on the local store
    before = await scrape(api.http)

    use_s3_store(monkeypatch, f"127.0.0.1:{free_port()}", "hub-down")  # nothing listens there
    try:
        await api.ok(ACCEPT, {"caseId": case["id"]}, WINDOW)
        await inprocess.drain()
    finally:
        get_object_store.cache_clear()
    after = await scrape(api.http)

    def gained(sample: str, **labels: str) -> float:
        return after.value(sample, **labels) - before.value(sample, **labels)

    receipt = {"kind": "RECEIPT_NOTICE"}
    assert gained("hub_document_renders_total", **receipt, outcome="retry") == 3
    assert gained("hub_document_renders_total", **receipt, outcome="failed") == 1
    assert gained("hub_document_renders_total", **receipt, outcome="ready") == 0
    assert gained("hub_document_render_seconds_count", **receipt) == 4
    assert gained("hub_jobs_total", job=RENDER_DOCUMENT_JOB, outcome="retry") == 3
    assert receiver.statuses("flaky") == [500, 200]
    assert gained("hub_webhook_deliveries_total", outcome="retrying") == 1
    assert gained("hub_webhook_deliveries_total", outcome="delivered") == 1
