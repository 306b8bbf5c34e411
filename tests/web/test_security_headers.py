"""Issue 13, row 11: every response carries nosniff, a Content-Security-Policy, X-Frame-Options
and Referrer-Policy (pages get a policy that lets exactly their own resources load), downloads
are attachments, and CORS is opt-in through HUB_CORS_ORIGINS."""

from __future__ import annotations

import base64
import hashlib
import re

import httpx
import pytest
from starlette.responses import HTMLResponse

from hub.app import create_app
from hub.settings import get_settings
from hub.web.page_policy import with_page_policy
from tests.factories import APPLICANT, draft_case, pdf_bytes

API_POLICY = "default-src 'none'; frame-ancestors 'none'"
DOWNLOAD_URL = "query($id: ID!) { materialDownloadUrl(materialId: $id) }"


def assert_protected(response: httpx.Response) -> None:
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["content-security-policy"]


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for directive in policy.split(";"):
        name, *sources = directive.split()
        parsed[name] = sources
    return parsed


def csp_hash(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


JSON = {"Content-Type": "application/json"}
ANSWERS = {
    "graphql result": lambda http: http.post("/graphql", json={"query": "{ __typename }"}),
    "graphql error": lambda http: http.post("/graphql", json={"query": "{ noSuchField }"}),
    "body not json (400)": lambda http: http.post("/graphql", content=b"{", headers=JSON),
    "body too large (413)": lambda http: http.post(
        "/graphql", content=b" " * (2 * 1024 * 1024), headers=JSON
    ),
    "healthz": lambda http: http.get("/healthz"),
    "readyz": lambda http: http.get("/readyz"),
    "verify as json": lambda http: http.get("/verify/NOPE", headers={"Accept": "application/json"}),
    "unknown path (404)": lambda http: http.get("/no-such-page"),
    "wrong method (405)": lambda http: http.delete("/graphql"),
    "bad download signature (403)": lambda http: http.get("/downloads?key=x"),
}


@pytest.mark.parametrize("answer", ANSWERS.values(), ids=ANSWERS.keys())
async def test_every_non_page_answer_has_the_strict_headers(sqlite_api, answer):
    response = await answer(sqlite_api.http)
    assert_protected(response)
    assert response.headers["content-security-policy"] == API_POLICY


async def test_graphiql_may_load_exactly_what_its_page_names(sqlite_api):
    response = await sqlite_api.http.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert_protected(response)
    page, policy = response.text, directives(response.headers["content-security-policy"])
    script_urls = re.findall(r'<script[^>]*\ssrc="([^"]+)"', page)
    inline_scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    stylesheets = re.findall(r'<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"', page, re.DOTALL)
    assert script_urls and inline_scripts and stylesheets
    # The hub serves every script and stylesheet itself (tests/web/test_graphiql_offline.py).
    assert sorted(policy["script-src"]) == sorted(
        ["'self'"] + [csp_hash(s) for s in inline_scripts]
    )
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["default-src"] == ["'none'"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]


async def test_the_verify_page_may_only_use_its_own_style(sqlite_api):
    response = await sqlite_api.http.get("/verify/NO-SUCH-CODE")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert_protected(response)
    policy = directives(response.headers["content-security-policy"])
    (style,) = re.findall(r"<style>(.*?)</style>", response.text, re.DOTALL)
    assert policy["style-src"] == [csp_hash(style)]
    assert policy["script-src"] == ["'none'"]
    assert policy["default-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


async def test_a_page_policy_never_allows_what_an_answer_slipped_in():
    async def leaky(_request):  # as if escaping had failed
        return HTMLResponse("<p>shell</p><script>alert(1)</script>")

    response = await with_page_policy(leaky, page="<p>shell</p>")(None)

    assert directives(response.headers["content-security-policy"])["script-src"] == ["'none'"]


async def test_a_download_is_an_attachment_with_the_strict_headers(sqlite_api):
    case = await draft_case(sqlite_api)
    material = await sqlite_api.upload(APPLICANT, case["id"], "BUSINESS_LICENCE", pdf_bytes())
    data = await sqlite_api.ok(DOWNLOAD_URL, {"id": material["id"]}, APPLICANT)
    response = await sqlite_api.send("GET", data["materialDownloadUrl"])
    assert response.status_code == 200
    assert response.content == pdf_bytes()
    assert response.headers["content-disposition"].startswith("attachment;")
    assert_protected(response)
    assert response.headers["content-security-policy"] == API_POLICY


# --- CORS ------------------------------------------------------------------------------------

LISTED, OTHER = "https://portal.example", "https://evil.example"


def preflight(origin: str) -> dict[str, str]:
    return {
        "Origin": origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type",
    }


@pytest.fixture
async def cors_http(sqlite_database, monkeypatch):
    """The app with HUB_CORS_ORIGINS naming two origins."""
    monkeypatch.setattr(get_settings(), "cors_origins", f"https://console.example, {LISTED}")
    transport = httpx.ASGITransport(app=create_app(manage_database=False))
    async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as client:
        yield client


async def test_a_listed_origin_passes_the_preflight(cors_http):
    response = await cors_http.options("/graphql", headers=preflight(LISTED))
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == LISTED
    assert "POST" in response.headers["access-control-allow-methods"]
    assert "authorization" in response.headers["access-control-allow-headers"].lower()
    assert_protected(response)
    answer = await cors_http.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"Origin": LISTED}
    )
    assert answer.headers["access-control-allow-origin"] == LISTED


async def test_another_origin_is_refused(cors_http):
    response = await cors_http.options("/graphql", headers=preflight(OTHER))
    assert response.status_code == 400
    assert "access-control-allow-origin" not in response.headers
    answer = await cors_http.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"Origin": OTHER}
    )
    assert "access-control-allow-origin" not in answer.headers


async def test_no_cors_headers_without_hub_cors_origins(sqlite_api):
    response = await sqlite_api.http.options("/graphql", headers=preflight(LISTED))
    assert "access-control-allow-origin" not in response.headers
    answer = await sqlite_api.http.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"Origin": LISTED}
    )
    assert "access-control-allow-origin" not in answer.headers
