"""Issue 15, single sign-on: a real, certified OpenID provider (oidc-provider, tests/oidc/
provider.mjs) on a loopback port; the test is the browser: it starts at /auth/oidc/login, signs
in at the provider's login form, consents, comes back through the callback with a session, and
uses it on /graphql. Needs node and npm (installs the provider into tests/oidc/node_modules);
without them it skips, except under CI=true or HUB_TEST_REQUIRE_SERVICES=1 where it fails."""

from __future__ import annotations

import re
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urljoin, urlsplit

import httpx

from hub.models import AuditEntry, UserSession
from tests.oidc.conftest import RETURN_URL, account, fragment_of

ME = "{ me { username role } }"
_FORM_ACTION = re.compile(r'<form[^>]*action="([^"]+)"')
_PROMPT = re.compile(r'name="prompt" value="(\w+)"')


async def through_provider(browser: httpx.AsyncClient, login: str) -> httpx.Response:
    """Follows the flow as a browser would, typing `login` into the provider's (development)
    login form and consenting; the hub's last redirect, to the return URL, is answered."""
    response = await browser.get("/auth/oidc/login")
    for _ in range(12):
        if response.is_redirect:
            location = urljoin(str(response.url), response.headers["location"])
            if location.startswith(RETURN_URL):
                return response
            response = await browser.get(location)
            continue
        assert response.status_code == 200, response.text
        action, prompt = _FORM_ACTION.search(response.text), _PROMPT.search(response.text)
        assert action and prompt, response.text
        form = {"prompt": prompt[1]}
        if prompt[1] == "login":
            form |= {"login": login, "password": "any password: a development login"}
        response = await browser.post(urljoin(str(response.url), action[1]), data=form)
    raise AssertionError("the sign-in did not come back to the hub")


async def test_signs_in_at_a_real_provider_and_uses_the_session(sso_hub, real_provider):
    await account("window")
    browser = await sso_hub(real_provider)
    assert (await browser.get("/auth/oidc/config")).json() == {
        "enabled": True,
        "loginUrl": "/auth/oidc/login",
    }

    started = await browser.get("/auth/oidc/login")
    request = dict(parse_qsl(urlsplit(started.headers["location"]).query))
    assert started.headers["location"].startswith(real_provider + "/auth?")
    assert request["code_challenge_method"] == "S256" and request["code_challenge"]
    assert request["nonce"] and request["state"] and "openid" in request["scope"].split()
    assert request["redirect_uri"] == "http://hub.test/auth/oidc/callback"

    landed = fragment_of(await through_provider(browser, "window"))
    assert set(landed) == {"session"}, landed
    me = await browser.post(
        "/graphql",
        json={"query": ME},
        headers={"Authorization": f"Bearer {landed['session']}"},
    )
    assert me.json() == {"data": {"me": {"username": "window", "role": "WINDOW"}}}
    assert await AuditEntry.filter(action="SIGN_IN_SSO", subject="window").count() == 1


async def test_unknown_and_disabled_users_get_no_session(sso_hub, real_provider):
    await account("gas", disabled=True)
    for login in ("stranger", "gas"):
        browser = await sso_hub(real_provider)  # a new browser: no session at the provider
        landed = fragment_of(await through_provider(browser, login))
        assert landed["error"] == "UNAUTHENTICATED", landed
        assert "session" not in landed
        assert "no enabled user" in landed["message"]
    assert await UserSession.all().count() == 0
    refused = await AuditEntry.filter(action="SIGN_IN_SSO_REFUSED").values_list(
        "subject", flat=True
    )
    assert sorted(refused) == ["gas", "stranger"]


async def test_a_replayed_callback_is_refused(sso_hub, real_provider):
    await account("window")
    browser = await sso_hub(real_provider)
    response = await through_provider(browser, "window")
    assert "session" in fragment_of(response)
    callback = response.request.url
    # The same browser sends the provider's answer again, its flow cookie put back.
    flow = SimpleCookie(response.request.headers["cookie"])["hub_oidc_flow"].value
    browser.cookies.set("hub_oidc_flow", flow, domain="hub.test", path="/auth/oidc")
    again = fragment_of(await browser.get(str(callback)))
    assert again["error"] == "UNAUTHENTICATED", again
    assert await UserSession.all().count() == 1
