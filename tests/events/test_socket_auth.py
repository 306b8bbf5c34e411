"""The WebSocket transport: the token in connection_init, close codes, pings."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from websockets.exceptions import ConnectionClosed

from hub.auth.tokens import issue_token
from hub.enums import Role
from tests.events.support import last_event_id, touch
from tests.events.wsclient import open_socket
from tests.factories import (
    ADMIN,
    LIAISON,
    OTHER_APPLICANT,
    WINDOW,
    accepted_case,
    api_key,
    draft_case,
    session_token,
    user_account,
)


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"Authorization": "Bearer not-a-token"},
        {"Authorization": "Basic d2luZG93OnB3"},
        {"Authorization": f"Bearer {WINDOW}x"},
        {"token": WINDOW},
    ],
    ids=["missing", "garbage", "not-bearer", "bad-signature", "wrong-key"],
)
async def test_a_bad_or_missing_token_closes_the_socket_with_4403(hub, payload):
    async with open_socket(hub.base_url, init=False) as socket:
        await socket.send({"type": "connection_init", "payload": payload})
        assert await socket.close_code() == 4403


async def test_an_expired_token_closes_with_4403_and_the_key_is_case_insensitive(hub):
    with time_machine.travel(datetime.now(UTC) - timedelta(hours=1), tick=False):
        expired = issue_token(role=Role.WINDOW, ttl_seconds=1)  # an hour ago, for one second
    async with open_socket(hub.base_url, init=False) as socket:
        await socket.send(
            {"type": "connection_init", "payload": {"authorization": f"Bearer {expired}"}}
        )
        assert await socket.close_code() == 4403
    for key in ("authorization", "AUTHORIZATION", "Authorization"):
        async with open_socket(hub.base_url, init=False) as socket:
            ack = await socket.init({key: f"Bearer {WINDOW}"})
            assert ack["type"] == "connection_ack"


async def test_a_token_expiring_on_an_open_socket_closes_it_with_4401(hub):
    case_id = (await accepted_case(hub, ("POWER",), token=WINDOW))["id"]
    short = issue_token(role=Role.WINDOW, name="短期", ttl_seconds=2)
    async with open_socket(hub.base_url, short) as socket:
        await socket.subscribe(caseId=case_id, after="0")
        assert len(await socket.events(3)) == 3  # the subscription works meanwhile
        started = asyncio.get_running_loop().time()
        assert await socket.close_code(within=5) == 4401
        assert asyncio.get_running_loop().time() - started <= 2.5
    # A fresh token resumes where the old socket stopped.
    async with open_socket(hub.base_url, WINDOW) as socket:
        await socket.subscribe(caseId=case_id, after=str(await last_event_id(hub) - 1))
        assert len(await socket.events(1)) == 1


async def test_a_socket_that_never_initialises_is_dropped(hub):
    # The hub fixture waits 1 s for connection_init (HUB_WS_INIT_TIMEOUT_SECONDS).
    async with open_socket(hub.base_url, init=False) as socket:
        started = asyncio.get_running_loop().time()
        assert await socket.close_code(within=5) == 4408
        assert asyncio.get_running_loop().time() - started < 3


async def test_subscribing_before_the_ack_is_refused(hub):
    async with open_socket(hub.base_url, init=False) as socket:
        await socket.subscribe(after="0")
        assert await socket.close_code() == 4401


async def test_pings_are_answered_with_pongs(hub):
    async with open_socket(hub.base_url, WINDOW) as socket:
        await socket.send({"type": "ping", "payload": {"n": 1}})
        assert (await socket.receive())["type"] == "pong"
        await socket.subscribe(after=None)
        for _ in range(3):
            await socket.send({"type": "ping"})
            assert (await socket.receive())["type"] == "pong"
        # A pong from the client is accepted silently.
        await socket.send({"type": "pong"})
        assert await socket.quiet(0.3) == []
        with pytest.raises(TimeoutError):
            await socket.receive(0.2)


async def test_a_liaison_token_connects_but_may_not_subscribe(hub):
    async with open_socket(hub.base_url, LIAISON) as socket:
        await socket.subscribe(after="0")
        error = await socket.operation_error()
        assert error["extensions"]["code"] == "FORBIDDEN"
        # The socket stays usable after a refused operation.
        await socket.send({"type": "ping"})
        assert (await socket.receive())["type"] == "pong"


async def test_the_socket_stays_open_without_subscriptions(hub):
    async with open_socket(hub.base_url, WINDOW) as socket:
        # Acknowledged, no operation: the hub's only timers (connection_init's wait, the token's
        # expiry) no longer or not yet apply, so the socket answers rather than closes.
        await socket.send({"type": "ping"})
        try:
            assert (await socket.receive())["type"] == "pong"
        except ConnectionClosed as closed:  # pragma: no cover - the failure to report
            pytest.fail(f"closed: {closed!r}")


async def test_subscriptions_over_plain_http_are_forbidden(hub):
    body = await hub.call("subscription { caseEvents { id } }", {}, WINDOW)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_queries_over_the_socket_use_its_token_and_fresh_data(hub):
    case_id = (await draft_case(hub, ("POWER",), token=WINDOW))["id"]
    query = "query($id: ID!) { case(id: $id) { events(first: 100) { totalCount } } }"

    async def count(socket, op_id: str) -> int:
        payload = {"query": query, "variables": {"id": case_id}}
        await socket.send({"id": op_id, "type": "subscribe", "payload": payload})
        message = await socket.receive(op_id=op_id)
        assert message["type"] == "next", message
        assert (await socket.receive(op_id=op_id))["type"] == "complete"
        return message["payload"]["data"]["case"]["events"]["totalCount"]

    async with open_socket(hub.base_url, WINDOW) as socket:
        before = await count(socket, "q1")
        await touch(hub, case_id)
        assert await count(socket, "q2") == before + 1
    async with open_socket(hub.base_url, OTHER_APPLICANT) as socket:
        payload = {"query": query, "variables": {"id": case_id}}
        await socket.send({"id": "q", "type": "subscribe", "payload": payload})
        assert (await socket.receive(op_id="q"))["payload"]["data"] == {"case": None}


async def test_a_session_signed_out_closes_its_socket_with_4401(hub):
    case_id = (await accepted_case(hub, ("POWER",), token=WINDOW))["id"]
    await user_account(hub, "socket.window")
    token = await session_token(hub, "socket.window")
    async with open_socket(hub.base_url, token) as socket:
        await socket.subscribe(caseId=case_id, after="0")
        assert len(await socket.events(3)) == 3
        assert (await hub.ok("mutation { signOut }", {}, token)) == {"signOut": True}
        assert await socket.close_code(within=5) == 4401
    # An API key is accepted in connection_init, and its revocation closes the socket too.
    created = await api_key(hub, "POWER")
    async with open_socket(hub.base_url, created["secret"]) as socket:
        await socket.subscribe(caseId=case_id, after="0")
        assert len(await socket.events(3)) == 3
        revoke = "mutation($id: ID!) { revokeApiKey(keyId: $id) { id } }"
        await hub.ok(revoke, {"id": created["key"]["id"]}, ADMIN)
        assert await socket.close_code(within=5) == 4401
