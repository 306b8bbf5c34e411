"""Deliveries end to end, jobs in-process: a real receiver on a loopback port verifies every
request with the `standardwebhooks` package; failures are retried with backoff until a 2xx or the
last attempt; the delivery log shows it all; a redelivery by hand reaches the receiver again
and its de-duplication absorbs it."""

from __future__ import annotations

import os
from datetime import datetime

from hub.jobs import inprocess
from hub.settings import get_settings
from tests.factories import (
    ADMIN,
    UTILITY,
    accepted_case,
    accepted_case_and_tickets,
)
from tests.webhooks.support import (
    DELIVERIES,
    DISABLE,
    REDELIVER,
    REGISTER,
    REVIEW,
    attempts,
    case_events,
    deliveries,
    register,
)


async def test_a_failed_attempt_is_retried_and_lands_once(api, receiver):
    endpoint = await register(api, receiver, "water", "WATER", ["TICKET_DISPATCHED"], fail_first=2)
    case_id, _ = await accepted_case_and_tickets(api, ("WATER",))
    await inprocess.drain()

    [dispatched] = [e for e in await case_events(api, case_id) if e["type"] == "TICKET_DISPATCHED"]
    assert receiver.statuses("water") == [500, 500, 200]
    assert receiver.events("water") == {dispatched["id"]: {**dispatched, "deliveryId": ANY}}
    [delivery] = await deliveries(api, endpoint["id"])
    assert delivery["status"] == "DELIVERED"
    assert (delivery["attempts"], delivery["lastStatusCode"], delivery["lastError"]) == (
        3,
        200,
        None,
    )
    assert delivery["nextAttemptAt"] is None and delivery["deliveredAt"]
    assert delivery["event"] == dispatched
    assert receiver.events("water")[dispatched["id"]]["deliveryId"] == delivery["id"]
    log = await attempts(api, delivery["id"])
    assert [(a["number"], a["statusCode"], a["succeeded"]) for a in log] == [
        (1, 500, False),
        (2, 500, False),
        (3, 200, True),
    ]
    assert log[0]["error"].startswith("HTTP 500")
    # Backoff: the second retry waited longer than the first (0.05 s, then 0.15 s).
    at = [datetime.fromisoformat(a["at"]) for a in log]
    assert (at[1] - at[0]).total_seconds() >= 0.05
    assert (at[2] - at[1]).total_seconds() >= 0.15


async def test_after_the_last_attempt_it_fails_and_a_redelivery_sends_it_again(api, receiver):
    endpoint = await register(api, receiver, "water", "WATER", ["TICKET_DISPATCHED"], fail_first=99)
    case_id, _ = await accepted_case_and_tickets(api, ("WATER",))
    await inprocess.drain()

    [delivery] = await deliveries(api, endpoint["id"])
    assert receiver.statuses("water") == [500] * 4  # HUB_WEBHOOK_MAX_ATTEMPTS
    assert receiver.events("water") == {}
    assert (delivery["status"], delivery["attempts"], delivery["lastStatusCode"]) == (
        "FAILED",
        4,
        500,
    )
    assert delivery["nextAttemptAt"] is None and delivery["deliveredAt"] is None
    assert [d["id"] for d in await deliveries(api, status="FAILED")] == [delivery["id"]]
    assert await deliveries(api, status="DELIVERED") == []

    # By hand, once the portal is fixed: PENDING again, then delivered on a fresh round.
    receiver.fail_next("water", 0)
    again = (await api.ok(REDELIVER, {"id": delivery["id"]}, ADMIN))["redeliverWebhook"]
    assert (again["status"], again["redeliveries"]) == ("PENDING", 1)
    await inprocess.drain()
    [delivered] = await deliveries(api, endpoint["id"])
    assert (delivered["status"], delivered["attempts"], delivered["lastStatusCode"]) == (
        "DELIVERED",
        5,
        200,
    )
    event_id = delivered["event"]["id"]
    assert list(receiver.events("water")) == [event_id]

    # A delivered one can be sent again too: the receiver sees the same event id, and its
    # de-duplicated log keeps the event once.
    await api.ok(REDELIVER, {"id": delivery["id"]}, ADMIN)
    await inprocess.drain()
    assert receiver.accepted_per_event("water") == {event_id: 2}
    assert list(receiver.events("water")) == [event_id]
    final = await attempts(api, delivery["id"])
    assert [(a["number"], a["statusCode"]) for a in final] == [
        (1, 500),
        (2, 500),
        (3, 500),
        (4, 500),
        (5, 200),
        (6, 200),
    ]
    assert (await deliveries(api, endpoint["id"]))[0]["redeliveries"] == 2
    assert len(await case_events(api, case_id)) > 1


async def test_refused_connections_and_bad_signatures_are_failures(api, receiver):
    closed = "http://127.0.0.1:9/unreachable"  # discard port: nothing listens
    data = await api.ok(
        REGISTER, {"input": {"utility": "WATER", "url": closed, "eventTypes": []}}, ADMIN
    )
    unreachable = data["registerWebhook"]["endpoint"]
    wrong = await register(api, receiver, "wrong-secret", "WATER", ["TICKET_DISPATCHED"])
    receiver.expect("wrong-secret", "not-the-secret-the-hub-gave")
    await accepted_case(api, ("WATER",))
    await inprocess.drain()

    for delivery in await deliveries(api, unreachable["id"]):
        assert (delivery["status"], delivery["attempts"]) == ("FAILED", 4)
        assert delivery["lastStatusCode"] is None
        assert "Connect" in delivery["lastError"], delivery["lastError"]
    [rejected] = await deliveries(api, wrong["id"])
    assert (rejected["status"], rejected["lastStatusCode"]) == ("FAILED", 401)
    assert receiver.statuses("wrong-secret") == [401] * 4


async def test_slow_answers_and_redirects_are_failures(api, receiver):
    os.environ["HUB_WEBHOOK_TIMEOUT_SECONDS"] = "0.3"  # restored by the fast_webhooks fixture
    get_settings.cache_clear()
    slow = await register(api, receiver, "slow", "WATER", ["TICKET_DISPATCHED"])
    moved = await register(api, receiver, "moved", "WATER", ["TICKET_DISPATCHED"])
    receiver.expect("elsewhere", "unused")
    receiver.delays["slow"] = 1.0
    receiver.redirects.add("moved")
    await accepted_case(api, ("WATER",))
    await inprocess.drain()

    [timed_out] = await deliveries(api, slow["id"])
    assert (timed_out["status"], timed_out["attempts"]) == ("FAILED", 4)
    assert timed_out["lastStatusCode"] is None
    assert timed_out["lastError"] in ("no answer within 0.3 s", "ReadTimeout: ")
    assert all(a["durationMs"] < 1500 for a in await attempts(api, timed_out["id"]))
    [redirected] = await deliveries(api, moved["id"])
    assert (redirected["status"], redirected["lastStatusCode"]) == ("FAILED", 307)
    assert receiver.statuses("elsewhere") == []  # redirects are not followed


async def test_a_disabled_endpoint_gets_nothing_and_cannot_be_redelivered_to(api, receiver):
    endpoint = await register(api, receiver, "water", "WATER")
    case_id, tickets = await accepted_case_and_tickets(api, ("WATER",))
    await inprocess.drain()
    sent = await deliveries(api, endpoint["id"])
    assert sent and {d["status"] for d in sent} == {"DELIVERED"}

    await api.ok(DISABLE, {"id": endpoint["id"]}, ADMIN)
    await api.ok(REVIEW, {"id": tickets["WATER"], "decision": "ELIGIBLE"}, UTILITY["WATER"])
    await inprocess.drain()
    assert len(await deliveries(api, endpoint["id"])) == len(sent)
    assert "TICKET_REVIEWED" not in {e["type"] for e in receiver.events("water").values()}
    error = await api.error(REDELIVER, {"id": sent[0]["id"]}, ADMIN)
    assert error["extensions"]["code"] == "INVALID_STATE"
    assert any(e["type"] == "TICKET_REVIEWED" for e in await case_events(api, case_id))


async def test_the_delivery_log_pages_newest_first(api, receiver):
    endpoint = await register(api, receiver, "water", "WATER")
    await accepted_case(api, ("WATER",))
    await inprocess.drain()
    everything = await deliveries(api, endpoint["id"])
    assert len(everything) >= 3
    assert [int(d["event"]["id"]) for d in everything] == sorted(
        (int(d["event"]["id"]) for d in everything), reverse=True
    )
    seen, after = [], None
    while True:
        page = (
            await api.ok(
                DELIVERIES, {"endpointId": endpoint["id"], "first": 2, "after": after}, ADMIN
            )
        )["webhookDeliveries"]
        assert page["totalCount"] == len(everything)
        seen += [edge["node"]["id"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == [d["id"] for d in everything]
    error = await api.error(DELIVERIES, {"first": 101}, ADMIN)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


class _Any:
    def __eq__(self, other) -> bool:
        return True


ANY = _Any()
