"""PDF renderings by LibreOffice: the Chinese text comes out as text in a CJK font. Needs
`soffice` (.ci/run installs it; under CI=true its absence fails instead of skipping)."""

from __future__ import annotations

import io
import os
import shutil

import pytest
from pypdf import PdfReader

from hub.documents import pdf
from hub.documents.render import render_docx
from hub.enums import DocumentKind
from hub.settings import get_settings
from tests.documents.support import fetch, one, settled_documents
from tests.factories import accepted_case


@pytest.fixture
def with_pdf(monkeypatch):
    if shutil.which(get_settings().soffice) is None:
        reason = "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    monkeypatch.setattr(get_settings(), "pdf", "auto")
    pdf.soffice_path.cache_clear()
    yield
    pdf.soffice_path.cache_clear()


def pdf_text_and_fonts(content: bytes) -> tuple[str, set[str]]:
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    fonts = set()
    for page in reader.pages:
        for font in (page.get("/Resources", {}).get("/Font") or {}).values():
            fonts.add(str(font.get_object().get("/BaseFont")))
    return text, fonts


async def test_a_receipt_notice_gets_a_pdf_with_its_chinese_text(with_pdf, api, http):
    case = await accepted_case(api)
    receipt = one(await settled_documents(api, case["id"]), "RECEIPT_NOTICE")
    assert receipt["pdf"]["filename"] == f"收件通知书-{case['caseNo']}.pdf"
    downloaded = await fetch(http, receipt["pdf"]["downloadUrl"])
    assert downloaded.status_code == 200 and downloaded.content.startswith(b"%PDF")
    assert len(downloaded.content) == receipt["pdf"]["size"]

    text, fonts = pdf_text_and_fonts(downloaded.content)
    compact = "".join(text.split())
    for expected in ("收件通知书", case["caseNo"], "韶关市某某建设有限公司"):
        assert expected in compact, expected
    assert any("CJK" in font for font in fonts), fonts


async def test_conversion_runs_under_a_timeout(with_pdf, monkeypatch):
    monkeypatch.setattr(get_settings(), "pdf_timeout_seconds", 0.05)
    content = render_docx(DocumentKind.SERVICE_GUIDE, _guide(), verify_url="http://hub.test")
    with pytest.raises(pdf.PdfConversionFailed, match="timed out"):
        await pdf.docx_to_pdf(content)


def _guide() -> dict:
    from hub.documents.context import guide_context
    from hub.enums import Utility

    return guide_context([Utility.WATER])
