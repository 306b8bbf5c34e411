"""The staff console's session cookie (docs/integration.md, "Staff console").

`signIn` from the console (header `X-Hub-Console`) puts the session secret in an `HttpOnly;
SameSite=Strict` cookie instead of the response body, so page scripts never read it. The cookie
is a credential only where a cross-site page cannot forge the request:

- over HTTP, with the `X-Hub-Console` header (a cross-site form cannot send a header, and a
  cross-site script may not without a CORS preflight the hub refuses) and no `Origin` naming
  another origin;
- on the WebSocket (which browsers open cross-site with cookies and no preflight), only when
  `Origin` is the hub's own: HUB_PUBLIC_URL's, or the request's `Host`.

An `Authorization` header (or, on the WebSocket, the `connection_init` payload's) always wins.
"""

from __future__ import annotations

from collections.abc import Mapping
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

from hub.settings import get_settings

COOKIE_NAME = "hub_session"
CONSOLE_HEADER = "x-hub-console"
COOKIE_PATH = "/"


def own_origins(headers: Mapping[str, str], scheme: str) -> set[str]:
    """HUB_PUBLIC_URL's origin, and the one the request was addressed to (`Host`)."""
    origins = {_origin(get_settings().public_url)}
    if host := headers.get("host"):
        secure = scheme in ("https", "wss")
        origins.add(f"{'https' if secure else 'http'}://{host.lower()}")
    return origins


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def session_cookie(headers: Mapping[str, str]) -> str | None:
    """The cookie's value, if the request carries it."""
    raw = headers.get("cookie")
    if not raw:
        return None
    jar = SimpleCookie()
    try:
        jar.load(raw)
    except Exception:  # a malformed Cookie header is no credential
        return None
    morsel = jar.get(COOKIE_NAME)
    return morsel.value if morsel and morsel.value else None


def is_console_request(headers: Mapping[str, str]) -> bool:
    return bool(headers.get(CONSOLE_HEADER))


def same_origin(headers: Mapping[str, str], scheme: str) -> bool:
    origin = headers.get("origin")
    return origin is not None and origin.lower() in own_origins(headers, scheme)


def http_authorization(headers: Mapping[str, str], scheme: str) -> str | None:
    """The `Authorization` value a plain HTTP request stands for: its own header, else the
    console's cookie when the request may use it."""
    if header := headers.get("authorization"):
        return header
    secret = session_cookie(headers)
    if secret is None or not is_console_request(headers):
        return None
    if "origin" in headers and not same_origin(headers, scheme):
        return None
    return f"Bearer {secret}"


def socket_authorization(headers: Mapping[str, str], scheme: str) -> str | None:
    """The cookie on a WebSocket handshake from the hub's own origin (browsers always send
    `Origin` there), as an `Authorization` value."""
    secret = session_cookie(headers)
    if secret is None or not same_origin(headers, scheme):
        return None
    return f"Bearer {secret}"


def cookie_attributes() -> dict[str, object]:
    return {
        "path": COOKIE_PATH,
        "httponly": True,
        "samesite": "strict",
        "secure": get_settings().public_url.startswith("https://"),
    }
