"""The single sign-on routes (README, "Single sign-on"): `GET /auth/oidc/config` tells a sign-in
page whether to offer it, `GET /auth/oidc/login` sends the browser to the provider, and
`GET /auth/oidc/callback` brings it back to HUB_OIDC_RETURN_URL with the new session's secret,
or the error, in the address's fragment: a fragment never reaches a server, a proxy's log or a
Referer header, and the page there moves it into its own storage.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from hub.accounts.console_cookie import COOKIE_NAME, cookie_attributes
from hub.accounts.oidc import CALLBACK_PATH, start_sign_in
from hub.accounts.oidc_flow import FLOW_TTL_SECONDS
from hub.errors import HubError
from hub.settings import get_settings
from hub.signin.oidc import sign_in

PREFIX = "/auth/oidc"
FLOW_COOKIE = "hub_oidc_flow"
SIGNED_IN_PATH = PREFIX + "/signed-in"
CONSOLE_PATH = "/console/"
NO_STORE = {"Cache-Control": "no-store"}

_SIGNED_IN_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>单点登录 (Single sign-on)</title></head>
<body><p>单点登录已结束：会话凭证（或错误）在本页地址 # 之后。
(Single sign-on has ended: the session secret, or the error, follows the # in this page's
address. Set HUB_OIDC_RETURN_URL to the console's sign-in page to have it taken from there.)</p>
</body></html>
"""


def return_url() -> str:
    settings = get_settings()
    return settings.oidc_return_url or settings.public_url.rstrip("/") + SIGNED_IN_PATH


async def oidc_config(_: Request) -> Response:
    enabled = get_settings().oidc_enabled
    return JSONResponse({"enabled": enabled, "loginUrl": PREFIX + "/login" if enabled else None})


async def oidc_login(_: Request) -> Response:
    try:
        provider_url, sealed_flow = await start_sign_in()
    except HubError as error:
        status = 404 if error.code == "NOT_FOUND" else 503
        return JSONResponse(_error(error), status_code=status, headers=NO_STORE)
    response = RedirectResponse(provider_url, status_code=303, headers=NO_STORE)
    response.set_cookie(
        FLOW_COOKIE,
        sealed_flow,
        max_age=FLOW_TTL_SECONDS,
        path=PREFIX,
        secure=get_settings().public_url.startswith("https://"),
        httponly=True,
        # Lax: sent on the provider's top-level redirect back, never on another site's request.
        samesite="lax",
    )
    return response


def returns_to_console() -> bool:
    """HUB_OIDC_RETURN_URL is the staff console's (under /console/): the session then goes
    into the console's HttpOnly cookie, never into the address."""
    return urlsplit(return_url()).path.startswith(CONSOLE_PATH)


async def oidc_callback(request: Request) -> Response:
    address = request.client.host if request.client else None
    secret = None
    try:
        secret = await sign_in(
            request.query_params, request.cookies.get(FLOW_COOKIE), address=address
        )
        fragment = {"signedIn": "1"} if returns_to_console() else {"session": secret}
    except HubError as error:
        fragment = _error(error)
    response = RedirectResponse(
        f"{return_url()}#{urlencode(fragment)}", status_code=303, headers=NO_STORE
    )
    response.delete_cookie(FLOW_COOKIE, path=PREFIX)
    if secret is not None and returns_to_console():
        ttl = get_settings().session_ttl_seconds
        response.set_cookie(COOKIE_NAME, secret, max_age=ttl, **cookie_attributes())
    return response


async def signed_in_page(_: Request) -> Response:
    return HTMLResponse(_SIGNED_IN_PAGE, headers=NO_STORE)


def _error(error: HubError) -> dict[str, str]:
    return {"error": error.code, "message": error.message}


ROUTES = [
    Route(PREFIX + "/config", oidc_config, methods=["GET"]),
    Route(PREFIX + "/login", oidc_login, methods=["GET"]),
    Route(CALLBACK_PATH, oidc_callback, methods=["GET"]),
    Route(SIGNED_IN_PATH, signed_in_page, methods=["GET"]),
]
