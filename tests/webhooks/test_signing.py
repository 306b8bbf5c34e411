"""The signature scheme, checked with the `standardwebhooks` package integrators use: a
signature over the id, the timestamp and the exact bytes, with a timestamp inside its 5 minute
tolerance, one `v1,` entry per valid secret."""

from __future__ import annotations

import base64
import time
from datetime import UTC, datetime

import httpx
import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from hub.webhooks.signing import new_secret, sign, signature_headers, signing_key

BODY = '{"id":"42","type":"TICKET_DISPATCHED","caseNo":"SDQ-20260310-0001","actor":"张三"}'.encode()
MESSAGE_ID = "0b9d5a3c-2f0e-4a57-9a7e-5d1c2b3a4f60"
SECRET = new_secret()


def verifies(secret: str | bytes, headers: dict, body: bytes = BODY) -> bool:
    try:
        Webhook(secret).verify(body, headers)
    except WebhookVerificationError:
        return False
    return True


def test_a_new_secret_is_whsec_and_32_random_bytes():
    first, second = new_secret(), new_secret()
    assert first.startswith("whsec_") and second.startswith("whsec_") and first != second
    assert len(base64.b64decode(first.removeprefix("whsec_"), validate=True)) == 32
    assert signing_key(first) == base64.b64decode(first.removeprefix("whsec_"))


def test_a_signed_body_verifies_with_the_package():
    now = int(time.time())
    headers = signature_headers([SECRET], MESSAGE_ID, now, BODY)
    assert set(headers) == {"webhook-id", "webhook-timestamp", "webhook-signature"}
    assert (headers["webhook-id"], headers["webhook-timestamp"]) == (MESSAGE_ID, str(now))
    # The very signature the package computes.
    at = datetime.fromtimestamp(now, UTC)
    assert headers["webhook-signature"] == Webhook(SECRET).sign(MESSAGE_ID, at, BODY.decode())
    assert headers["webhook-signature"] == sign(SECRET, MESSAGE_ID, now, BODY)
    assert Webhook(SECRET).verify(BODY, headers)["actor"] == "张三"
    # Header names are case-insensitive for the package, as they are over HTTP.
    assert verifies(SECRET, {name.title(): value for name, value in headers.items()})


def test_a_tampered_body_or_another_secret_fails():
    headers = signature_headers([SECRET], MESSAGE_ID, int(time.time()), BODY)
    assert not verifies(SECRET, headers, BODY.replace(b"42", b"43"))
    assert not verifies(SECRET, headers, BODY + b" ")
    assert not verifies(new_secret(), headers)
    assert not verifies(SECRET, {**headers, "webhook-id": MESSAGE_ID.replace("0b", "0c")})
    for missing in headers:
        assert not verifies(SECRET, {k: v for k, v in headers.items() if k != missing})


def test_a_changed_timestamp_or_an_old_one_fails():
    now = int(time.time())
    headers = signature_headers([SECRET], MESSAGE_ID, now, BODY)
    assert not verifies(SECRET, {**headers, "webhook-timestamp": str(now + 1)})
    assert not verifies(SECRET, signature_headers([SECRET], MESSAGE_ID, now - 301, BODY))
    assert not verifies(SECRET, signature_headers([SECRET], MESSAGE_ID, now + 301, BODY))
    assert verifies(SECRET, signature_headers([SECRET], MESSAGE_ID, now - 250, BODY))


def test_during_a_rotation_either_secret_verifies():
    old, new = new_secret(), new_secret()
    headers = signature_headers([new, old], MESSAGE_ID, int(time.time()), BODY)
    entries = headers["webhook-signature"].split(" ")
    assert len(entries) == 2 and all(entry.startswith("v1,") for entry in entries)
    assert verifies(new, headers)
    assert verifies(old, headers)
    assert not verifies(new_secret(), headers)


def test_a_secret_from_before_standard_webhooks_is_its_own_key():
    legacy = "Kp3x_legacy-token_urlsafe-secret-0123456789abc"  # what new_secret() once gave
    headers = signature_headers([legacy], MESSAGE_ID, int(time.time()), BODY)
    assert signing_key(legacy) == legacy.encode()
    assert verifies(legacy.encode(), headers)
    assert verifies("whsec_" + base64.b64encode(legacy.encode()).decode(), headers)
    # Beside a new secret during the rotation away from it.
    rotated = signature_headers([SECRET, legacy], MESSAGE_ID, int(time.time()), BODY)
    assert verifies(SECRET, rotated) and verifies(legacy.encode(), rotated)


async def test_the_receiver_rejects_a_bad_signature(receiver):
    receiver.expect("direct", SECRET)
    now = int(time.time())
    plain = {"Content-Type": "application/json"}
    good = {**plain, **signature_headers([SECRET], MESSAGE_ID, now, BODY)}
    forged = {**plain, **signature_headers([new_secret()], MESSAGE_ID, now, BODY)}
    stale = {**plain, **signature_headers([SECRET], MESSAGE_ID, now - 600, BODY)}
    async with httpx.AsyncClient() as client:
        url = receiver.url("direct")
        assert (await client.post(url, content=BODY + b" ", headers=good)).status_code == 401
        assert (await client.post(url, content=BODY, headers=forged)).status_code == 401
        assert (await client.post(url, content=BODY, headers=stale)).status_code == 401
        assert (await client.post(url, content=BODY, headers=plain)).status_code == 401
        assert (await client.post(url, content=BODY, headers=good)).status_code == 200
        assert (await client.post(url, content=BODY, headers=good)).status_code == 200
    assert receiver.statuses("direct") == [401, 401, 401, 401, 200, 200]
    assert list(receiver.events("direct")) == ["42"]


@pytest.mark.parametrize("secret", ["not-the-secret", "unused", "whsec_"])
async def test_the_receiver_refuses_with_a_secret_that_is_not_the_hubs(receiver, secret):
    receiver.expect("direct", secret)
    headers = {"Content-Type": "application/json"}
    headers |= signature_headers([SECRET], MESSAGE_ID, int(time.time()), BODY)
    async with httpx.AsyncClient() as client:
        response = await client.post(receiver.url("direct"), content=BODY, headers=headers)
    assert response.status_code == 401
