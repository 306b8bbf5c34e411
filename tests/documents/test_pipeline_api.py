"""Notices rendered by the in-process jobs of the embedded default: READY with the stored file's
size and sha256, an event, audited download addresses, public verification, retries."""

from __future__ import annotations

import asyncio
import hashlib
import io
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import docx
from moto.server import ThreadedMotoServer

from hub import clock
from hub.documents.jobs import render_document
from hub.documents.render import qr_png
from hub.documents.service import requeue_stale_documents
from hub.jobs import inprocess
from hub.models import AuditEntry, CaseEvent, Document
from hub.objectstore import get_object_store
from hub.wiring import requeue_from_rows
from tests.api import ACCEPT, token_for
from tests.documents.support import (
    DOCUMENTS,
    WINDOW,
    documents_of,
    docx_text,
    fetch,
    one,
    settled_documents,
    use_s3_store,
)
from tests.factories import APPLICANT, OTHER_APPLICANT, UTILITY, accepted_case, submitted_case
from tests.served import free_port

VERIFY = """query($code: String!) { verifyDocument(code: $code) {
  kind title caseNo version issuedAt sha256 pdfSha256 superseded } }"""
RETRY = """mutation($id: ID!) { retryDocument(documentId: $id) { id status attempts error } }"""


async def test_accepting_a_case_renders_its_receipt_notice(api, http):
    case = await accepted_case(api)
    documents = await settled_documents(api, case["id"])
    assert {(d["kind"], d["status"]) for d in documents} == {
        ("APPLICATION_FORM", "READY"),
        ("RECEIPT_NOTICE", "READY"),
    }
    receipt = one(documents, "RECEIPT_NOTICE")
    assert receipt["filename"] == f"收件通知书-{case['caseNo']}.docx"
    assert receipt["pdf"] is None, "PDFs are off in this suite unless a test turns them on"

    downloaded = await fetch(http, receipt["downloadUrl"])
    assert downloaded.status_code == 200
    assert len(downloaded.content) == receipt["size"]
    assert hashlib.sha256(downloaded.content).hexdigest() == receipt["sha256"]
    text = docx_text(downloaded.content)
    assert case["caseNo"] in text and "韶关市某某建设有限公司" in text
    assert f"http://hub.test/verify/{receipt['verificationCode']}" in text

    events = await CaseEvent.filter(case_id=case["id"], type="DOCUMENT_READY").order_by("id")
    assert sorted(e.data["kind"] for e in events) == ["APPLICATION_FORM", "RECEIPT_NOTICE"]
    assert all(e.utility is None and e.role == "system" for e in events)
    receipt_event = next(e for e in events if e.data["kind"] == "RECEIPT_NOTICE")
    assert receipt_event.data["documentId"] == receipt["id"]
    assert receipt_event.data["sha256"] == receipt["sha256"]


async def test_the_qr_code_in_a_notice_encodes_its_verify_address(api, http):
    case = await accepted_case(api)
    receipt = one(await settled_documents(api, case["id"]), "RECEIPT_NOTICE")
    content = (await fetch(http, receipt["downloadUrl"])).content
    [image] = docx.Document(io.BytesIO(content)).inline_shapes
    blob = image._inline.graphic.graphicData.pic.blipFill.blip.embed
    part = docx.Document(io.BytesIO(content)).part.related_parts[blob]
    assert part.blob == qr_png(f"http://hub.test/verify/{receipt['verificationCode']}")


async def test_download_addresses_go_to_the_case_parties_and_each_is_audited(api, http):
    case = await accepted_case(api, ("POWER", "GAS"))
    await settled_documents(api, case["id"])
    power = token_for("utility", utility="POWER", name="供电-王五")
    water = UTILITY["WATER"]
    stranger = OTHER_APPLICANT

    before = await AuditEntry.filter(action="DOCUMENT_DOWNLOAD_URL").count()
    for token in (WINDOW, APPLICANT, power):
        receipt = one((await documents_of(api, case["id"], token))[1], "RECEIPT_NOTICE")
        assert (await fetch(http, receipt["downloadUrl"])).status_code == 200
    for token in (water, stranger):  # not their case: they do not see it at all
        assert (await api.ok(DOCUMENTS, {"id": case["id"]}, token))["case"] is None

    entries = (await AuditEntry.filter(action="DOCUMENT_DOWNLOAD_URL").order_by("id"))[before:]
    assert len(entries) == 6, "two documents, three readers, one entry per address"
    receipt_reads = [e for e in entries if e.details["kind"] == "RECEIPT_NOTICE"]
    assert [(e.role, e.actor) for e in receipt_reads] == [
        ("window", "窗口-李四"),
        ("applicant", f"applicant-{case['applicant']['uscc']}"),
        ("utility", "供电-王五"),
    ]
    assert all(str(e.case_id) == case["id"] and e.details["format"] == "docx" for e in entries)


async def test_a_pending_document_has_no_download_address(api):
    case = await accepted_case(api)
    await inprocess.drain()
    await Document.filter(case_id=case["id"]).update(status="PENDING")
    _, documents = await documents_of(api, case["id"])
    assert documents and all(d["downloadUrl"] is None for d in documents)


async def test_anyone_can_verify_a_printed_notice_by_its_code(api, http):
    case = await accepted_case(api)
    receipt = one(await settled_documents(api, case["id"]), "RECEIPT_NOTICE")
    code = receipt["verificationCode"]
    assert len(code) == 24 and int(code, 16) >= 0

    verified = (await api.ok(VERIFY, {"code": code}))["verifyDocument"]  # no token
    assert verified["kind"] == "RECEIPT_NOTICE" and verified["title"] == "收件通知书"
    assert verified["caseNo"] == case["caseNo"]
    assert verified["sha256"] == receipt["sha256"]
    assert verified["issuedAt"].endswith("+08:00") and not verified["superseded"]
    for unknown in ("0" * 24, "", "x" * 65):
        assert (await api.ok(VERIFY, {"code": unknown}))["verifyDocument"] is None

    page = await http.get(f"/verify/{code}")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert case["caseNo"] in page.text and receipt["sha256"] in page.text
    assert "收件通知书" in page.text
    as_json = await http.get(f"/verify/{code}", headers={"Accept": "application/json"})
    assert as_json.json()["sha256"] == receipt["sha256"]
    missing = await http.get("/verify/<script>alert(1)</script>")
    assert missing.status_code == 404 and "<script>" not in missing.text


async def test_a_notice_still_pending_does_not_verify(api):
    case = await accepted_case(api)
    await inprocess.drain()
    receipt = await Document.get(case_id=case["id"], kind="RECEIPT_NOTICE")
    await Document.filter(id=receipt.id).update(status="PENDING")
    verified = await api.ok(VERIFY, {"code": receipt.verification_code})
    assert verified["verifyDocument"] is None


async def test_running_a_render_job_again_changes_nothing(api):
    case = await accepted_case(api)
    await inprocess.drain()
    receipt = await Document.get(case_id=case["id"], kind="RECEIPT_NOTICE")
    await Document.filter(id=receipt.id).update(status="PENDING")  # as if queued again

    results = await asyncio.gather(
        *(render_document({"job_try": 1}, str(receipt.id)) for _ in range(3))
    )
    assert results.count("ready") + results.count("nothing to do") == 3
    again = await render_document({"job_try": 1}, str(receipt.id))
    assert again == "nothing to do", "READY: a later run does nothing"

    rendered = await Document.get(id=receipt.id)
    assert rendered.status == "READY"
    assert await get_object_store().exists(rendered.object_key)
    assert rendered.object_key.endswith(f"{rendered.sha256}.docx")
    ready = await CaseEvent.filter(case_id=case["id"], type="DOCUMENT_READY")
    receipts = [e for e in ready if e.data["documentId"] == str(receipt.id)]
    # The first render and exactly one of the concurrent re-runs claimed the row.
    assert len(receipts) == 2
    assert receipts[-1].data["sha256"] == rendered.sha256


async def test_the_service_guide_downloads_as_a_word_file_rendered_once(api, http):
    query = "query($u: [Utility!]!) { serviceGuide(utilities: $u) { downloadUrl } }"
    first = (await api.ok(query, {"u": ["GAS", "WATER"]}))["serviceGuide"]["downloadUrl"]
    again = (await api.ok(query, {"u": ["WATER", "GAS"]}))["serviceGuide"]["downloadUrl"]
    assert parse_qs(urlsplit(first).query)["key"] == parse_qs(urlsplit(again).query)["key"]
    downloaded = await fetch(http, first)
    assert downloaded.status_code == 200
    assert "filename" in downloaded.headers["content-disposition"]
    text = docx_text(downloaded.content)
    assert "办事指南" in text and "供水" in text and "供气" in text
    power = (await api.ok(query, {"u": ["POWER"]}))["serviceGuide"]["downloadUrl"]
    assert "供电" in docx_text((await fetch(http, power)).content)
    guides = get_object_store().root / "guides"
    assert len(list(guides.glob("*.docx"))) == 2, "one file per combination, in any order"


async def test_the_sweeper_renders_a_document_left_pending(api):
    case = await accepted_case(api)
    await inprocess.drain()
    receipt = await Document.get(case_id=case["id"], kind="RECEIPT_NOTICE")
    # As if the job had been lost (a crash between commit and enqueue): PENDING, nobody on it.
    await Document.filter(id=receipt.id).update(
        status="PENDING", sha256=None, created_at=clock.now() - timedelta(seconds=30)
    )
    assert await requeue_stale_documents() == 0, "younger than a minute: still in its queue"
    await Document.filter(id=receipt.id).update(created_at=clock.now() - timedelta(minutes=2))
    assert await requeue_stale_documents() == 1
    await inprocess.drain()
    recovered = await Document.get(id=receipt.id)
    assert recovered.status == "READY" and recovered.sha256


async def test_a_document_fails_after_the_last_try_and_a_retry_renders_it(api, monkeypatch):
    case = await submitted_case(api, ("GAS",), with_materials=True)
    await inprocess.drain()
    port = free_port()
    use_s3_store(monkeypatch, f"127.0.0.1:{port}", "hub-down")  # where nothing listens
    await api.ok(ACCEPT, {"caseId": case["id"]}, WINDOW)
    await inprocess.drain()
    receipt = await Document.get(case_id=case["id"], kind="RECEIPT_NOTICE")
    assert receipt.status == "FAILED" and receipt.attempts == 4
    assert "ObjectStoreUnavailable" in receipt.error
    failed = await CaseEvent.filter(case_id=case["id"], type="DOCUMENT_FAILED")
    receipt_failure = [e for e in failed if e.data["documentId"] == str(receipt.id)]
    assert len(receipt_failure) == 1
    assert "ObjectStoreUnavailable" in receipt_failure[0].data["error"]

    refused = await api.error(RETRY, {"id": str(receipt.id)}, APPLICANT)
    assert refused["extensions"]["code"] == "FORBIDDEN"

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        await get_object_store().ensure_bucket()
        retried = (await api.ok(RETRY, {"id": str(receipt.id)}, WINDOW))["retryDocument"]
        assert retried == {"id": str(receipt.id), "status": "PENDING", "attempts": 0, "error": None}
        await inprocess.drain()
        done = await Document.get(id=receipt.id)
        assert done.status == "READY" and done.retries == 1 and done.attempts == 1
        assert await get_object_store().exists(done.object_key)
        again = await api.error(RETRY, {"id": str(receipt.id)}, WINDOW)
        assert again["extensions"]["code"] == "INVALID_STATE"
    finally:
        server.stop()
        get_object_store.cache_clear()
    unknown = await api.error(RETRY, {"id": "00000000-0000-0000-0000-000000000000"}, WINDOW)
    assert unknown["extensions"]["code"] == "NOT_FOUND"


async def test_after_the_queue_was_lost_every_pending_document_is_queued_at_once(api):
    """`hub worker` runs `requeue_from_rows` when Redis comes back (perhaps empty): a document
    pending for seconds only is rendered then, not left to the minute sweep."""
    case = await accepted_case(api)
    await inprocess.drain()
    receipt = await Document.get(case_id=case["id"], kind="RECEIPT_NOTICE")
    await Document.filter(id=receipt.id).update(status="PENDING", sha256=None)
    assert await requeue_stale_documents() == 0, "the minute sweep leaves it to its queue"
    await requeue_from_rows()
    await inprocess.drain()
    recovered = await Document.get(id=receipt.id)
    assert recovered.status == "READY" and recovered.sha256
