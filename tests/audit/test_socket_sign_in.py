"""A WebSocket whose connection_init carries a bad token is a failed sign-in too."""

from __future__ import annotations

from tests.events.wsclient import open_socket
from tests.factories import WINDOW


async def test_a_socket_refused_for_its_token_is_audited(served_hub):
    async with open_socket(served_hub.base_url, init=False) as socket:
        await socket.send(
            {"type": "connection_init", "payload": {"Authorization": f"Bearer {WINDOW}x"}}
        )
        assert await socket.close_code() == 4403
    async with open_socket(served_hub.base_url, WINDOW):
        pass  # a good token is no failure

    rows = await served_hub.sql(
        "SELECT actor, role, outcome, address, details FROM audit_entry WHERE action = $1",
        "SIGN_IN_FAILED",
    )
    assert [(r["actor"], r["role"], r["outcome"], r["address"]) for r in rows] == [
        ("anonymous", "anonymous", "UNAUTHENTICATED", "127.0.0.1")
    ]
    assert "登录凭证无效" in rows[0]["details"]
