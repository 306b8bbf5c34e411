"""GET /verify/{code}: the page a notice's QR code opens, showing what verifyDocument returns."""

from __future__ import annotations

from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from hub import clock
from hub.documents.verification import Verification, verify

_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>文件核验 Document verification</title>
<style>body{{font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}}
th{{text-align:left;padding-right:1rem;vertical-align:top}}td{{word-break:break-all}}
.ok{{color:#176117}}.bad{{color:#a11}}</style></head>
<body><h1>文件核验 <small>Document verification</small></h1>{body}</body></html>
"""


def page_shell() -> str:
    """The page without its content: what its Content-Security-Policy is built from."""
    return _PAGE.format(body="")


async def verify_page(request: Request) -> Response:
    code = request.path_params["code"]
    found = await verify(code)
    facts = _as_json(found) if found else None
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse(facts or {"verified": False}, status_code=200 if facts else 404)
    if facts is None:
        body = (
            '<p class="bad">未找到与该核验码对应的已出具文件。'
            "(No issued document has this verification code.)</p>"
        )
        return HTMLResponse(_PAGE.format(body=body), status_code=404)
    rows = [
        ("文件 Document", f"{facts['title']} ({facts['kind']})"),
        ("案件编号 Case number", facts["caseNo"]),
        ("版本 Version", str(facts["version"])),
        ("出具时间 Issued at", facts["issuedAt"]),
        ("SHA-256 (DOCX)", facts["sha256"]),
    ]
    if facts["pdfSha256"]:
        rows.append(("SHA-256 (PDF)", facts["pdfSha256"]))
    table = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows)
    status = (
        '<p class="bad">该文件已被新版本替代。(A newer version of this notice exists.)</p>'
        if facts["superseded"]
        else '<p class="ok">该文件由本平台出具。(This document was issued by the hub.)</p>'
    )
    return HTMLResponse(_PAGE.format(body=f"{status}<table>{table}</table>"))


def _as_json(facts: Verification) -> dict:
    return {
        "verified": True,
        "kind": str(facts.kind),
        "title": facts.title,
        "caseNo": facts.case_no,
        "version": facts.version,
        "issuedAt": clock.to_local(facts.issued_at).isoformat(),
        "sha256": facts.sha256,
        "pdfSha256": facts.pdf_sha256,
        "superseded": facts.superseded,
    }
