"""One socket runs at most HUB_WS_MAX_SUBSCRIPTIONS operations at once (default 5): one more is
refused with an `error` for its own id, and the socket and its other subscriptions go on."""

from __future__ import annotations

from tests.events.support import last_event_id, touch
from tests.events.wsclient import open_socket
from tests.factories import WINDOW, draft_case


async def test_the_subscription_past_the_limit_gets_an_error_and_the_others_go_on(hub):
    case_id = (await draft_case(hub, ("POWER",), token=WINDOW))["id"]
    first = await last_event_id(hub)
    async with open_socket(hub.base_url, WINDOW) as socket:
        running = [str(n) for n in range(1, 6)]
        for op_id in running:
            await socket.subscribe(op_id, caseId=case_id, after="0")
            assert await socket.events_until(first, op_id)

        await socket.subscribe("6", caseId=case_id, after="0")
        error = await socket.operation_error("6")
        assert error["extensions"] == {"code": "RATE_LIMITED", "limit": 5}
        assert "5" in error["message"]

        await touch(hub, case_id)
        latest = await last_event_id(hub)
        for op_id in running:
            assert [int(e["id"]) for e in await socket.events_until(latest, op_id)] == [latest]
        assert await socket.quiet(0.3, "6") == [], "the refused operation must not run"

        # Completing one makes room for another on the same socket.
        await socket.send({"id": "1", "type": "complete"})
        await socket.subscribe("6", caseId=case_id, after=str(latest - 1))
        assert [int(e["id"]) for e in await socket.events(1, "6")] == [latest]


async def test_the_limit_is_a_setting(hub_with):
    hub = await hub_with(ws_max_subscriptions=1)
    case_id = (await draft_case(hub, ("POWER",), token=WINDOW))["id"]
    async with open_socket(hub.base_url, WINDOW) as socket:
        await socket.subscribe("a", caseId=case_id, after="0")
        assert await socket.events(1, "a")
        await socket.subscribe("b", caseId=case_id, after="0")
        assert (await socket.operation_error("b"))["extensions"]["code"] == "RATE_LIMITED"
