"""GET /readyz: can this replica serve? Everyone learns only `{"ready": bool}` (200 or 503);
an admin's bearer token also gets each check as "ok" or "unavailable". Why a check failed
(hosts, buckets, exception text) goes to the log, never to a caller."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from hub import db
from hub.accounts.credentials import principal_from_header
from hub.enums import Role
from hub.errors import HubError
from hub.objectstore import get_object_store
from hub.settings import get_settings

log = logging.getLogger(__name__)

OK, UNAVAILABLE = "ok", "unavailable"


async def _database() -> None:
    outcome = await db.check()  # bounded by the database lock timeout
    if outcome != OK:
        raise ConnectionError(outcome)


async def _queue() -> None:
    from redis.asyncio import Redis

    client = Redis.from_url(get_settings().redis_url, socket_connect_timeout=2, socket_timeout=2)
    try:
        await client.ping()
    finally:
        await client.aclose()


async def _object_store() -> None:
    await get_object_store().check()


def _checks() -> dict[str, Callable[[], Awaitable[None]]]:
    checks = {"database": _database}
    if get_settings().redis_url:  # without Redis, jobs run in-process: no queue to reach
        checks["queue"] = _queue
    checks["objectStore"] = _object_store
    return checks


async def _outcome(name: str, check: Callable[[], Awaitable[None]]) -> str:
    try:
        await check()
    except Exception as error:
        log.warning("readiness check %s failed: %s: %s", name, type(error).__name__, error)
        return UNAVAILABLE
    return OK


async def _is_admin(request: Request) -> bool:
    try:
        principal = await principal_from_header(request.headers.get("authorization"))
    except HubError:
        return False  # a bad token is an anonymous caller here: probes never send one
    except Exception:  # a session or key needs the database, which may be what is down
        return False
    return principal is not None and principal.role == Role.ADMIN


async def readyz(request: Request) -> Response:
    checks = {name: await _outcome(name, check) for name, check in _checks().items()}
    ready = all(outcome == OK for outcome in checks.values())
    body: dict[str, object] = {"ready": ready}
    if await _is_admin(request):
        body["checks"] = checks
    return JSONResponse(body, status_code=200 if ready else 503)
