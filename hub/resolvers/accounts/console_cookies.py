"""signIn and signOut from the staff console: the session travels in an HttpOnly cookie
(hub/accounts/console_cookie.py holds the rules of its use)."""

from __future__ import annotations

from datetime import datetime

from starlette.responses import Response
from strawberry.types import Info

from hub import clock
from hub.accounts.console_cookie import COOKIE_NAME, cookie_attributes, is_console_request


def from_console(info: Info) -> bool:
    """An HTTP request marked `X-Hub-Console` (over the WebSocket there is no cookie to set)."""
    response = info.context.response
    return isinstance(response, Response) and is_console_request(info.context.request.headers)


def set_session_cookie(info: Info, secret: str, expires_at: datetime) -> None:
    max_age = max(0, int((expires_at - clock.now()).total_seconds()))
    info.context.response.set_cookie(COOKIE_NAME, secret, max_age=max_age, **cookie_attributes())


def clear_session_cookie(info: Info) -> None:
    response = info.context.response
    if isinstance(response, Response) and COOKIE_NAME in info.context.request.cookies:
        response.delete_cookie(COOKIE_NAME, **cookie_attributes())
