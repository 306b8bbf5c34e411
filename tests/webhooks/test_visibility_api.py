"""Which events an endpoint gets: the subscription's rule (API.md, "Events"). A WATER endpoint
gets every event of the cases holding a WATER ticket, from that ticket's dispatch on, nothing
of other cases; an event-type list narrows it; an endpoint registered later starts then."""

from __future__ import annotations

from hub.jobs import inprocess
from tests.factories import (
    UTILITY,
    accepted_case_and_tickets,
    draft_case,
)
from tests.webhooks.support import (
    REVIEW,
    case_events,
    deliveries,
    register,
)


def expected(events: list[dict], dispatched_utility: str, types=None, after: int = 0) -> dict:
    """Event id -> body the receiver should hold: the case's events from the utility's
    dispatch on (and after `after`), of the given types."""
    first = min(
        int(e["id"])
        for e in events
        if e["type"] == "TICKET_DISPATCHED" and e["utility"] == dispatched_utility
    )
    return {
        e["id"]: e
        for e in events
        if int(e["id"]) >= first and int(e["id"]) > after and (not types or e["type"] in types)
    }


def without_delivery_ids(log: dict) -> dict:
    return {
        event_id: {k: v for k, v in body.items() if k != "deliveryId"}
        for event_id, body in log.items()
    }


async def test_each_utility_gets_its_cases_from_dispatch_on(api, receiver):
    water = await register(api, receiver, "water", "WATER")
    reviews = await register(api, receiver, "water-reviews", "WATER", ["TICKET_REVIEWED"])
    power = await register(api, receiver, "power", "POWER")
    gas = await register(api, receiver, "gas", "GAS")

    both, tickets = await accepted_case_and_tickets(api, ("WATER", "POWER"))
    power_only, power_tickets = await accepted_case_and_tickets(api, ("POWER",))
    draft = await draft_case(api, ("GAS",))
    await api.ok(REVIEW, {"id": tickets["POWER"], "decision": "ELIGIBLE"}, UTILITY["POWER"])
    await api.ok(REVIEW, {"id": tickets["WATER"], "decision": "ELIGIBLE"}, UTILITY["WATER"])
    await api.ok(REVIEW, {"id": power_tickets["POWER"], "decision": "ELIGIBLE"}, UTILITY["POWER"])
    await inprocess.drain()

    both_events = await case_events(api, both)
    power_events = await case_events(api, power_only)
    water_log = without_delivery_ids(receiver.events("water"))
    assert water_log == expected(both_events, "WATER")
    # The whole case from dispatch on: the power ticket's events too, nothing before.
    assert {"CASE_CREATED", "CASE_SUBMITTED", "CASE_ACCEPTED"}.isdisjoint(
        e["type"] for e in water_log.values()
    )
    assert {("TICKET_REVIEWED", "POWER"), ("TICKET_REVIEWED", "WATER")} <= {
        (e["type"], e["utility"]) for e in water_log.values()
    }
    assert without_delivery_ids(receiver.events("water-reviews")) == expected(
        both_events, "WATER", types={"TICKET_REVIEWED"}
    )
    assert len(receiver.events("water-reviews")) == 2
    assert without_delivery_ids(receiver.events("power")) == {
        **expected(both_events, "POWER"),
        **expected(power_events, "POWER"),
    }
    assert receiver.events("gas") == {}
    assert all(e["caseId"] != draft["id"] for e in receiver.events("power").values())
    assert await deliveries(api, gas["id"]) == []
    # Exactly once, each a DELIVERED row of the log.
    for endpoint, name in ((water, "water"), (reviews, "water-reviews"), (power, "power")):
        assert set(receiver.accepted_per_event(name).values()) == {1}
        rows = await deliveries(api, endpoint["id"])
        assert {r["status"] for r in rows} == {"DELIVERED"}
        assert sorted(r["event"]["id"] for r in rows) == sorted(receiver.events(name))


async def test_an_endpoint_registered_later_gets_the_events_from_then_on(api, receiver):
    case_id, tickets = await accepted_case_and_tickets(api, ("WATER",))
    await inprocess.drain()
    newest_before = max(int(e["id"]) for e in await case_events(api, case_id))
    late = await register(api, receiver, "late", "WATER")
    await api.ok(REVIEW, {"id": tickets["WATER"], "decision": "ELIGIBLE"}, UTILITY["WATER"])
    await inprocess.drain()

    log = without_delivery_ids(receiver.events("late"))
    assert log == expected(await case_events(api, case_id), "WATER", after=newest_before)
    assert "TICKET_REVIEWED" in {e["type"] for e in log.values()}
    assert len(await deliveries(api, late["id"])) == len(log)
