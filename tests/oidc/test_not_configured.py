"""Without HUB_OIDC_* a sign-in page offers no single sign-on, and its routes say so."""

from __future__ import annotations


async def test_without_settings_single_sign_on_is_off(http):
    assert (await http.get("/auth/oidc/config")).json() == {"enabled": False, "loginUrl": None}
    login = await http.get("/auth/oidc/login")
    assert login.status_code == 404
    assert login.json()["error"] == "NOT_FOUND"
    callback = await http.get("/auth/oidc/callback", params={"code": "c", "state": "s"})
    assert callback.status_code == 303
    assert "error=UNAUTHENTICATED" in callback.headers["location"]


async def test_the_hubs_own_return_page_has_no_script(http):
    page = await http.get("/auth/oidc/signed-in")
    assert page.status_code == 200 and "<script" not in page.text
    assert "会话凭证" in page.text and page.headers["cache-control"] == "no-store"
