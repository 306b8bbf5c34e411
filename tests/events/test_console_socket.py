"""The console's WebSocket: its session cookie signs the socket in only when the handshake's
Origin is the hub's own (a cross-site page's socket carries the cookie too), and a signOut closes
it with 4401 as for a bearer session."""

from __future__ import annotations

import pytest
from websockets.exceptions import InvalidStatus

from tests.events.wsclient import open_socket
from tests.factories import PASSWORD, SIGN_IN, WINDOW, accepted_case, user_account


async def console_cookie(hub, username: str) -> str:
    response = await hub.client.post(
        "/graphql",
        json={"query": SIGN_IN, "variables": {"u": username, "p": PASSWORD}},
        headers={"X-Hub-Console": "1"},
    )
    hub.client.cookies.clear()
    return response.headers["set-cookie"].split(";", 1)[0].removeprefix("hub_session=")


async def test_the_cookie_opens_a_socket_from_the_hubs_origin_only(hub):
    case_id = (await accepted_case(hub, ("POWER",), token=WINDOW))["id"]
    await user_account(hub, "socket.console")
    cookie = await console_cookie(hub, "socket.console")
    headers = {"Cookie": f"hub_session={cookie}", "Origin": "https://evil.example"}
    # Another origin's page: its handshake is refused outright (403).
    with pytest.raises(InvalidStatus) as refused:
        async with open_socket(hub.base_url, init=False, additional_headers=headers):
            pass
    assert refused.value.response.status_code == 403
    # No Origin (not a browser): the cookie is no credential there either.
    del headers["Origin"]
    async with open_socket(hub.base_url, init=False, additional_headers=headers) as socket:
        await socket.send({"type": "connection_init", "payload": {}})
        assert await socket.close_code(within=5) == 4403

    headers["Origin"] = hub.base_url
    async with open_socket(hub.base_url, init=False, additional_headers=headers) as socket:
        assert (await socket.init({}))["type"] == "connection_ack"
        await socket.subscribe(caseId=case_id, after="0")
        assert len(await socket.events(3)) == 3
        signed_out = await hub.client.post(
            "/graphql",
            json={"query": "mutation { signOut }"},
            headers={"X-Hub-Console": "1", "Cookie": f"hub_session={cookie}"},
        )
        hub.client.cookies.clear()
        assert signed_out.json() == {"data": {"signOut": True}}
        assert await socket.close_code(within=5) == 4401
