"""The request id on answers the hub did not plan: an unhandled error's 500 carries it too, and
the error, reported after the request failed, is logged with it."""

from __future__ import annotations

import httpx
from starlette.requests import Request
from starlette.routing import Route

from hub.app import HubStarlette
from hub.logs import current_request_id

reported: list[str | None] = []


async def boom(_: Request):
    raise RuntimeError("a bug")


async def test_an_unhandled_errors_500_carries_the_request_id_and_so_does_its_report():
    app = HubStarlette(routes=[Route("/boom", boom)])
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as client:
        response = await client.get("/boom", headers={"X-Request-ID": "bug-1"})
        # What the server (uvicorn) does next, in the request's task: report the error.
        reported.append(current_request_id())
    assert response.status_code == 500
    assert response.headers["X-Request-ID"] == "bug-1"
    assert reported == ["bug-1"]
