"""HUB_PERSISTED_ONLY=true over WebSocket: a `subscribe` message runs a registered document by
its hash (`payload.extensions.persistedQuery`), and is refused for any other text."""

from __future__ import annotations

from hub.persisted_operations.documents import sha256_hex
from tests.api import CREATE
from tests.events.wsclient import CASE_EVENTS, open_socket
from tests.factories import WINDOW, draft_case
from tests.persisted_operations.support import register_on_served_hub


def by_hash(op_id: str, document: str, **variables) -> dict:
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": sha256_hex(document)}}
    payload = {"variables": variables, "extensions": extensions}
    return {"id": op_id, "type": "subscribe", "payload": payload}


async def test_only_registered_subscriptions_run_over_the_socket(hub_with):
    hub = await hub_with(persisted_only="true")
    await register_on_served_hub(hub, CASE_EVENTS, CREATE)
    case_id = (await draft_case(hub, ("POWER",), token=WINDOW))["id"]  # registered text runs

    async with open_socket(hub.base_url, WINDOW) as socket:
        await socket.send(by_hash("1", CASE_EVENTS, caseId=case_id, after="0"))
        await socket.subscribe("2", caseId=case_id, after="0")  # the same text, ad hoc
        await socket.send(
            {
                "id": "3",
                "type": "subscribe",
                "payload": {"query": CASE_EVENTS + "\n", "variables": {"after": "0"}},
            }
        )
        await socket.send(by_hash("4", CASE_EVENTS + " ", after="0"))

        [created] = await socket.events(1, "1")
        assert created["type"] == "CASE_CREATED" and created["caseId"] == case_id
        assert (await socket.operation_error("3"))["extensions"]["code"] == (
            "PERSISTED_QUERY_REQUIRED"
        )
        assert (await socket.operation_error("4"))["extensions"]["code"] == (
            "PERSISTED_QUERY_NOT_FOUND"
        )
        [again] = await socket.events(1, "2")  # a registered document's text is that document
        assert again["id"] == created["id"]
