"""Signatures end to end through a secret rotation: the receiver verifies with the
`standardwebhooks` package; during HUB_WEBHOOK_SECRET_GRACE_SECONDS either secret verifies
(two `v1,` entries), afterwards only the new one; `webhook-id` is the delivery's id and a
redelivery keeps it."""

from __future__ import annotations

from datetime import timedelta

from hub import clock
from hub.jobs import inprocess
from hub.models import WebhookEndpoint
from tests.factories import ADMIN, accepted_case_and_tickets
from tests.webhooks.support import REDELIVER, ROTATE, deliveries, register


async def test_rotation_signs_with_both_secrets_until_the_grace_ends(api, receiver):
    endpoint = await register(api, receiver, "water", "WATER", ["TICKET_DISPATCHED"])
    old = receiver.secrets["water"][0]
    rotated = (await api.ok(ROTATE, {"id": endpoint["id"]}, ADMIN))["rotateWebhookSecret"]
    new = rotated["secret"]
    assert new.startswith("whsec_") and new != old

    # A receiver that still holds only the old secret accepts, so does one with only the new.
    receiver.expect("water", old)
    await accepted_case_and_tickets(api, ("WATER",))
    await inprocess.drain()
    [delivery] = await deliveries(api, endpoint["id"])
    assert delivery["status"] == "DELIVERED"
    receiver.expect("water", new)
    await api.ok(REDELIVER, {"id": delivery["id"]}, ADMIN)
    await inprocess.drain()
    assert receiver.statuses("water") == [200, 200]
    first, again = receiver.requests
    assert first.message_id == again.message_id == delivery["id"]  # the same webhook-id
    assert len(receiver.events("water")) == 1  # de-duplicated by it
    assert all(r.headers["webhook-signature"].count("v1,") == 2 for r in receiver.requests)

    # The grace is over: the old secret no longer signs.
    await WebhookEndpoint.filter(id=endpoint["id"]).update(
        previous_secret_until=clock.now() - timedelta(seconds=1)
    )
    receiver.expect("water", old)
    await api.ok(REDELIVER, {"id": delivery["id"]}, ADMIN)
    await inprocess.drain()
    assert receiver.statuses("water")[2:] == [401] * 4  # HUB_WEBHOOK_MAX_ATTEMPTS
    receiver.expect("water", old, new)  # a receiver holding both accepts again
    await api.ok(REDELIVER, {"id": delivery["id"]}, ADMIN)
    await inprocess.drain()
    assert receiver.statuses("water")[6:] == [200]
    last = receiver.requests[-1]
    assert last.headers["webhook-signature"].count("v1,") == 1
    assert last.message_id == delivery["id"]
    [final] = await deliveries(api, endpoint["id"])
    assert (final["status"], final["redeliveries"]) == ("DELIVERED", 3)
