"""Issue 15, single sign-on: what the hub refuses from a provider (tests/oidc/fake_provider.py
answers the token request with the ID token each test chose) and from a browser: a token signed
by a key the provider never published, for another audience, expired, or carrying an earlier
sign-in's nonce; a callback replayed or brought by a browser that did not start the sign-in."""

from __future__ import annotations

import base64
import hashlib
import time
from urllib.parse import parse_qsl, urlsplit

import pytest
from joserfc import jwt
from joserfc.jwk import OctKey
from prometheus_client import REGISTRY
from redis.asyncio import Redis

from hub.accounts.oidc_flow import FLOW_TTL_SECONDS
from hub.models import UserSession
from tests.oidc.conftest import account, fragment_of
from tests.oidc.fake_provider import CLIENT_ID, CLIENT_SECRET, new_key


def refusals() -> float:
    return REGISTRY.get_sample_value("hub_oidc_sign_ins_total", {"outcome": "refused"}) or 0


async def start(browser) -> dict[str, str]:
    """/auth/oidc/login's request to the provider (state, nonce, code_challenge...)."""
    response = await browser.get("/auth/oidc/login")
    assert response.status_code == 303, response.text
    return dict(parse_qsl(urlsplit(response.headers["location"]).query))


async def come_back(browser, state: str, code: str = "the-code") -> dict[str, str]:
    """The provider's redirect back to the hub, as the browser follows it."""
    return fragment_of(
        await browser.get("/auth/oidc/callback", params={"code": code, "state": state})
    )


async def test_a_good_token_signs_in_with_pkce_and_the_client_secret(sso_hub, fake_provider):
    await account("window")
    browser = await sso_hub(fake_provider.issuer)
    started = await browser.get("/auth/oidc/login")
    cookie = started.headers["set-cookie"].lower()
    assert cookie.startswith("hub_oidc_flow=")
    for attribute in ("httponly", "samesite=lax", "path=/auth/oidc", "max-age=600"):
        assert attribute in cookie, cookie
    assert "secure" not in cookie  # HUB_PUBLIC_URL is http:// in the suite
    request = dict(parse_qsl(urlsplit(started.headers["location"]).query))
    fake_provider.answer = fake_provider.id_token(fake_provider.claims(request["nonce"]))
    assert "session" in await come_back(browser, request["state"])

    sent = fake_provider.token_requests[-1]
    digest = hashlib.sha256(sent["code_verifier"].encode()).digest()
    assert base64.urlsafe_b64encode(digest).rstrip(b"=").decode() == request["code_challenge"]
    assert sent["code"] == "the-code" and sent["grant_type"] == "authorization_code"
    assert sent["authorization"].startswith("Basic ")  # client_secret_basic
    assert await UserSession.all().count() == 1


# Each: claims changed from a good token's, and the kid of a key the provider never published
# that signs it (None: its published key).
FORGERIES = {
    "another-key-same-kid": ({}, "published"),
    "another-key-unknown-kid": ({}, "unknown"),
    "another-audience": ({"aud": "another-client"}, None),
    "another-audience-our-azp": ({"aud": ["another-client"], "azp": CLIENT_ID}, None),
    "expired": ({"iat": int(time.time()) - 900, "exp": int(time.time()) - 600}, None),
    "another-issuer": ({"iss": "https://idp.example"}, None),
    "another-nonce": ({"nonce": "guessed"}, None),
}


@pytest.mark.parametrize(("changes", "foreign_kid"), FORGERIES.values(), ids=FORGERIES.keys())
async def test_a_forged_or_misdirected_token_is_refused(
    sso_hub, fake_provider, changes, foreign_kid
):
    await account("window")
    browser = await sso_hub(fake_provider.issuer)
    request = await start(browser)
    key = new_key(foreign_kid) if foreign_kid else None
    fake_provider.answer = fake_provider.id_token(
        {**fake_provider.claims(request["nonce"]), **changes}, key=key
    )
    refused_before = refusals()
    landed = await come_back(browser, request["state"])
    assert landed["error"] == "UNAUTHENTICATED" and "session" not in landed, landed
    assert await UserSession.all().count() == 0
    assert refusals() == refused_before + 1


async def test_a_token_signed_with_the_client_secret_is_refused(sso_hub, fake_provider):
    """HS256 with the client secret as key: the provider publishes RS256 keys only, and a
    client secret is no proof that the provider issued the token."""
    await account("window")
    browser = await sso_hub(fake_provider.issuer)
    request = await start(browser)
    claims = fake_provider.claims(request["nonce"])
    fake_provider.answer = jwt.encode({"alg": "HS256"}, claims, OctKey.import_key(CLIENT_SECRET))
    assert (await come_back(browser, request["state"]))["error"] == "UNAUTHENTICATED"
    assert await UserSession.all().count() == 0


async def test_a_rotated_key_is_fetched_once_named(sso_hub, fake_provider):
    await account("window")
    browser = await sso_hub(fake_provider.issuer)
    first = await start(browser)
    fake_provider.answer = fake_provider.id_token(fake_provider.claims(first["nonce"]))
    assert "session" in await come_back(browser, first["state"])

    fake_provider.key = new_key("rotated")  # the provider now publishes and signs with this
    second = await start(browser)
    fake_provider.answer = fake_provider.id_token(fake_provider.claims(second["nonce"]))
    assert "session" in await come_back(browser, second["state"])


async def test_an_earlier_sign_ins_token_is_refused(sso_hub, fake_provider):
    """The provider (or whoever sits in its place) answers a second sign-in with the first's ID
    token: its nonce is not the one this browser's flow sent."""
    await account("window")
    browser = await sso_hub(fake_provider.issuer)
    first = await start(browser)
    fake_provider.answer = fake_provider.id_token(fake_provider.claims(first["nonce"]))
    assert "session" in await come_back(browser, first["state"])

    second = await start(browser)
    landed = await come_back(browser, second["state"])  # the same answer, the earlier nonce
    assert landed["error"] == "UNAUTHENTICATED", landed
    assert await UserSession.all().count() == 1


async def test_a_callback_is_good_once_and_only_in_its_browser(sso_hub, fake_provider):
    await account("window")
    browser = await sso_hub(fake_provider.issuer)
    request = await start(browser)
    fake_provider.answer = fake_provider.id_token(fake_provider.claims(request["nonce"]))
    flow = browser.cookies["hub_oidc_flow"]

    other_browser = await sso_hub(fake_provider.issuer)  # the link, sent to someone else
    landed = await come_back(other_browser, request["state"])
    assert landed["error"] == "UNAUTHENTICATED", landed

    assert "session" in await come_back(browser, request["state"])
    assert "hub_oidc_flow" not in browser.cookies  # spent
    browser.cookies.set("hub_oidc_flow", flow, domain="hub.test", path="/auth/oidc")
    again = await come_back(browser, request["state"])  # replayed, cookie and all
    assert again["error"] == "UNAUTHENTICATED", again
    assert await UserSession.all().count() == 1


async def test_a_callback_used_at_one_replica_is_refused_at_another(
    sso_hub, fake_provider, redis_url
):
    await account("window")
    first = await sso_hub(fake_provider.issuer, redis_url=redis_url)
    request = await start(first)
    fake_provider.answer = fake_provider.id_token(fake_provider.claims(request["nonce"]))
    flow = first.cookies["hub_oidc_flow"]
    assert "session" in await come_back(first, request["state"])
    # Remembered where every replica looks (this test's two hubs share one process's memory too).
    redis = Redis.from_url(redis_url)
    try:
        [used] = await redis.keys("hub:oidc-state:*")
        assert 0 < await redis.ttl(used) <= FLOW_TTL_SECONDS
    finally:
        await redis.aclose()

    second = await sso_hub(fake_provider.issuer, redis_url=redis_url)  # another replica
    second.cookies.set("hub_oidc_flow", flow, domain="hub.test", path="/auth/oidc")
    again = await come_back(second, request["state"])
    assert again["error"] == "UNAUTHENTICATED", again
    assert await UserSession.all().count() == 1


async def test_the_browser_returns_to_the_configured_console(sso_hub, fake_provider):
    await account("window")
    console = "https://console.example/sign-in"
    browser = await sso_hub(fake_provider.issuer, oidc_return_url=console)
    request = await start(browser)
    fake_provider.answer = fake_provider.id_token(fake_provider.claims(request["nonce"]))
    response = await browser.get(
        "/auth/oidc/callback", params={"code": "c", "state": request["state"]}
    )
    assert fragment_of(response, console)["session"].startswith("hubs_")
    assert response.headers["cache-control"] == "no-store"


async def test_the_providers_own_refusal_reaches_the_browser(sso_hub, fake_provider):
    browser = await sso_hub(fake_provider.issuer)
    request = await start(browser)
    response = await browser.get(
        "/auth/oidc/callback", params={"error": "access_denied", "state": request["state"]}
    )
    assert fragment_of(response)["error"] == "UNAUTHENTICATED"
    assert fake_provider.token_requests == []


async def test_an_unreachable_provider_is_upstream_unavailable(sso_hub, fake_provider):
    browser = await sso_hub("http://127.0.0.1:9")  # the discard port: nobody answers
    response = await browser.get("/auth/oidc/login")
    assert response.status_code == 503
    assert response.json()["error"] == "UPSTREAM_UNAVAILABLE"
    assert "hub_oidc_flow" not in browser.cookies
