"""Single sign-on back to the staff console (HUB_OIDC_RETURN_URL under /console/): the session
goes into the console's HttpOnly cookie and the address carries only `signedIn=1`."""

from __future__ import annotations

from tests.oidc.conftest import account, fragment_of
from tests.oidc.test_refusals import start


async def test_the_console_gets_the_session_as_its_cookie(sso_hub, fake_provider):
    await account("window")
    console = "http://hub.test/console/signin"
    browser = await sso_hub(fake_provider.issuer, oidc_return_url=console)
    request = await start(browser)
    fake_provider.answer = fake_provider.id_token(fake_provider.claims(request["nonce"]))
    response = await browser.get(
        "/auth/oidc/callback", params={"code": "c", "state": request["state"]}
    )
    assert fragment_of(response, console) == {"signedIn": "1"}
    cookies = [v for k, v in response.headers.multi_items() if k == "set-cookie"]
    session = next(c for c in cookies if c.startswith("hub_session="))
    assert session.split(";")[0].removeprefix("hub_session=").startswith("hubs_")
    assert "httponly" in session.lower() and "samesite=strict" in session.lower()
    me = await browser.post(
        "/graphql", json={"query": "{ me { username } }"}, headers={"X-Hub-Console": "1"}
    )
    assert me.json() == {"data": {"me": {"username": "window"}}}
