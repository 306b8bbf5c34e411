"""The staff console's session cookie (docs/integration.md "Staff console"), over the real app on
SQLite and PostgreSQL: signIn with `X-Hub-Console` sets it (HttpOnly, SameSite=Strict, Path=/,
Max-Age the session's) and answers no token; it counts only with the header and from the hub's
own origin; a bearer token wins; signOut revokes and clears it; expiry and revocation end it."""

from __future__ import annotations

from datetime import datetime, timedelta

import time_machine

from hub.models import AuditEntry
from tests.factories import PASSWORD, SIGN_IN, user_account

CONSOLE = {"X-Hub-Console": "1"}
ME = "{ me { username } }"
CASES = "{ cases(first: 1) { totalCount } }"
SIGN_OUT = "mutation { signOut }"


async def console_sign_in(api, username: str) -> tuple[dict, str, str]:
    """(the signIn answer, the Set-Cookie header, the cookie's value)."""
    response = await api.http.post(
        "/graphql",
        json={"query": SIGN_IN, "variables": {"u": username, "p": PASSWORD}},
        headers=CONSOLE,
    )
    body = response.json()
    assert not body.get("errors"), body
    set_cookie = response.headers["set-cookie"]
    value = set_cookie.split(";", 1)[0].removeprefix("hub_session=")
    api.http.cookies.clear()  # each test request names its cookie itself
    return body["data"]["signIn"], set_cookie, value


async def post(api, query: str, *, cookie: str | None, **headers) -> dict:
    if cookie:
        headers["Cookie"] = f"hub_session={cookie}"
    response = await api.http.post("/graphql", json={"query": query}, headers=headers)
    api.http.cookies.clear()
    return response.json()


def code_of(body: dict) -> str | None:
    return (body.get("errors") or [{}])[0].get("extensions", {}).get("code")


async def test_sign_in_from_the_console_sets_an_http_only_cookie_and_no_token(api):
    await user_account(api, "cookie.window")
    session, set_cookie, value = await console_sign_in(api, "cookie.window")
    assert session["token"] == ""
    assert value.startswith("hubs_")
    attributes = {part.strip().split("=")[0].lower() for part in set_cookie.split(";")}
    assert {"httponly", "path", "max-age", "samesite"} <= attributes
    assert "samesite=strict" in set_cookie.lower() and "path=/" in set_cookie.lower()
    assert "secure" not in attributes  # HUB_PUBLIC_URL is http:// in the tests
    max_age = int(set_cookie.lower().split("max-age=")[1].split(";")[0])
    expires = datetime.fromisoformat(session["expiresAt"])
    assert abs(max_age - 8 * 3600) <= 5 and expires > datetime.now(expires.tzinfo)
    # Without the header, signIn answers the token as before and sets no cookie.
    response = await api.http.post(
        "/graphql", json={"query": SIGN_IN, "variables": {"u": "cookie.window", "p": PASSWORD}}
    )
    assert response.json()["data"]["signIn"]["token"].startswith("hubs_")
    assert "set-cookie" not in response.headers


async def test_the_cookie_counts_only_with_the_header_and_from_the_hubs_origin(api):
    await user_account(api, "origin.window")
    _, _, cookie = await console_sign_in(api, "origin.window")
    me = await post(api, ME, cookie=cookie, **CONSOLE)
    assert me["data"]["me"] == {"username": "origin.window"}
    same_origin = await post(api, ME, cookie=cookie, Origin="http://hub.test", **CONSOLE)
    assert same_origin["data"]["me"] == {"username": "origin.window"}
    # A cross-site form cannot send the header: without it the cookie is no credential.
    assert (await post(api, ME, cookie=cookie))["data"]["me"] is None
    assert code_of(await post(api, CASES, cookie=cookie)) == "UNAUTHENTICATED"
    # Another origin's script, even with the header, is refused.
    evil = await post(api, CASES, cookie=cookie, Origin="https://evil.example", **CONSOLE)
    assert code_of(evil) == "UNAUTHENTICATED"
    # A bearer token wins over the cookie.
    await user_account(api, "bearer.window")
    bearer = (await api.ok(SIGN_IN, {"u": "bearer.window", "p": PASSWORD}))["signIn"]["token"]
    both = await post(api, ME, cookie=cookie, Authorization=f"Bearer {bearer}", **CONSOLE)
    assert both["data"]["me"] == {"username": "bearer.window"}


async def test_sign_out_revokes_the_session_and_clears_the_cookie(api):
    await user_account(api, "leaving.window")
    _, _, cookie = await console_sign_in(api, "leaving.window")
    response = await api.http.post(
        "/graphql",
        json={"query": SIGN_OUT},
        headers={**CONSOLE, "Cookie": f"hub_session={cookie}"},
    )
    api.http.cookies.clear()
    assert response.json() == {"data": {"signOut": True}}
    cleared = response.headers["set-cookie"].lower()
    assert cleared.startswith('hub_session="";') or cleared.startswith("hub_session=;")
    assert "max-age=0" in cleared
    # The old cookie, sent again, is refused.
    assert code_of(await post(api, CASES, cookie=cookie, **CONSOLE)) == "UNAUTHENTICATED"
    actions = await AuditEntry.all().values_list("action", flat=True)
    assert any(action.replace("_", "").lower() == "signout" for action in actions), actions


async def test_an_expired_cookie_session_is_unauthenticated(api):
    await user_account(api, "late.window")
    session, _, cookie = await console_sign_in(api, "late.window")
    expires = datetime.fromisoformat(session["expiresAt"])
    with time_machine.travel(expires + timedelta(seconds=1), tick=False):
        assert code_of(await post(api, CASES, cookie=cookie, **CONSOLE)) == "UNAUTHENTICATED"


def test_the_cookie_is_secure_under_https_and_its_origin_is_the_public_urls(monkeypatch):
    from hub.accounts.console_cookie import cookie_attributes, http_authorization
    from hub.settings import get_settings

    monkeypatch.setenv("HUB_PUBLIC_URL", "https://hub.example.gov.cn")
    get_settings.cache_clear()
    try:
        assert cookie_attributes()["secure"] is True
        cookie = {"cookie": "hub_session=hubs_x", "x-hub-console": "1", "host": "10.0.0.5:8000"}
        public = {**cookie, "origin": "https://hub.example.gov.cn"}
        assert http_authorization(public, "http") == "Bearer hubs_x"  # behind a TLS proxy
        assert http_authorization({**cookie, "origin": "http://10.0.0.5:8000"}, "http")
        assert http_authorization({**cookie, "origin": "https://10.0.0.5:8000"}, "http") is None
        assert http_authorization({**cookie, "origin": "null"}, "http") is None
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
