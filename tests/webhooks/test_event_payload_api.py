"""Issue 14: one shape for an event, whatever the channel. The GraphQL `CaseEvent` type and a
webhook's body both come from hub.events.payload.event_payload: the type has exactly its fields,
and a webhook's event equals, key for key and value for value, what `caseEvents` gives."""

from __future__ import annotations

from hub.events.payload import EVENT_FIELDS, snake_case
from hub.jobs import inprocess
from hub.schema.events import CaseEvent
from tests.factories import ADMIN, UTILITY, accepted_case_and_tickets
from tests.webhooks.support import REVIEW, register

# Every field of the payload, so a field added there is queried here too.
CASE_EVENTS = f"""query($id: ID!) {{ case(id: $id) {{
  events(first: 100) {{ edges {{ node {{ {" ".join(EVENT_FIELDS)} }} }} }} }} }}"""


def test_the_graphql_type_has_exactly_the_payload_fields():
    fields = [f.python_name for f in CaseEvent.__strawberry_definition__.fields]
    assert fields == [snake_case(key) for key in EVENT_FIELDS]


async def test_a_webhook_event_equals_what_case_events_gives(api, receiver):
    await register(api, receiver, "power", "POWER")
    case_id, tickets = await accepted_case_and_tickets(api, ("POWER",))
    await api.ok(REVIEW, {"id": tickets["POWER"], "decision": "ELIGIBLE"}, UTILITY["POWER"])
    await inprocess.drain()

    data = await api.ok(CASE_EVENTS, {"id": case_id}, ADMIN)
    listed = {e["node"]["id"]: e["node"] for e in data["case"]["events"]["edges"]}
    received = receiver.events("power")
    assert {"TICKET_DISPATCHED", "TICKET_REVIEWED"} <= {e["type"] for e in received.values()}
    for event_id, body in received.items():
        assert body.pop("deliveryId")
        assert body == listed[event_id]
    [dispatched] = [e for e in received.values() if e["type"] == "TICKET_DISPATCHED"]
    assert dispatched["data"] == {"ticketId": tickets["POWER"], "status": "PENDING_REVIEW"}
