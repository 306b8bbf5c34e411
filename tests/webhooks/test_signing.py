"""The signature scheme and the README's verifier (the code integrators copy): a signature
over the exact bytes, with a timestamp inside the tolerance, one `v1` per valid secret."""

from __future__ import annotations

import time

import httpx
import pytest

from hub.webhooks.signing import new_secret, sign, signature_header, verify
from tests.webhooks.receiver import readme_verifier

BODY = b'{"id":"42","type":"TICKET_DISPATCHED","caseNo":"SDQ-20260310-0001"}'
SECRET = "s3cret-of-the-water-portal"


@pytest.fixture(params=["readme", "hub"])
def verifier(request):
    return readme_verifier() if request.param == "readme" else verify


def test_a_signed_body_verifies(verifier):
    now = int(time.time())
    header = signature_header([SECRET], now, BODY)
    assert header == f"t={now},v1={sign(SECRET, now, BODY)}"
    assert verifier(SECRET, header, BODY)


def test_a_tampered_body_or_another_secret_fails(verifier):
    header = signature_header([SECRET], int(time.time()), BODY)
    assert not verifier(SECRET, header, BODY.replace(b"42", b"43"))
    assert not verifier(SECRET, header, BODY + b" ")
    assert not verifier("another-secret", header, BODY)


def test_a_changed_timestamp_or_a_stale_one_fails(verifier):
    now = int(time.time())
    header = signature_header([SECRET], now, BODY)
    assert not verifier(SECRET, header.replace(f"t={now}", f"t={now + 1}"), BODY)
    stale = now - 301
    assert not verifier(SECRET, signature_header([SECRET], stale, BODY), BODY)
    assert verifier(SECRET, signature_header([SECRET], now - 250, BODY), BODY)


@pytest.mark.parametrize(
    "header",
    ["", "v1=abc", "t=,v1=abc", "t=abc,v1=abc", "t=1,t=2,v1=abc", "garbage", "t=1"],
)
def test_malformed_headers_fail(verifier, header):
    assert not verifier(SECRET, header, BODY)


def test_during_a_rotation_either_secret_verifies(verifier):
    old, new = new_secret(), new_secret()
    assert old != new and len(new) >= 43  # 32 random bytes, url-safe base64
    header = signature_header([new, old], int(time.time()), BODY)
    assert header.count("v1=") == 2
    assert verifier(new, header, BODY)
    assert verifier(old, header, BODY)
    assert not verifier(new_secret(), header, BODY)


async def test_the_receiver_rejects_a_bad_signature(receiver):
    receiver.expect("direct", SECRET)
    now = int(time.time())
    headers = {"Content-Type": "application/json", "Hub-Event-Id": "42"}
    async with httpx.AsyncClient() as client:
        url = receiver.url("direct")
        good = {**headers, "Hub-Signature": signature_header([SECRET], now, BODY)}
        forged = {**headers, "Hub-Signature": signature_header(["guess"], now, BODY)}
        assert (await client.post(url, content=BODY + b" ", headers=good)).status_code == 401
        assert (await client.post(url, content=BODY, headers=forged)).status_code == 401
        assert (await client.post(url, content=BODY, headers=headers)).status_code == 401
        assert (await client.post(url, content=BODY, headers=good)).status_code == 200
    assert receiver.statuses("direct") == [401, 401, 401, 200]
    assert list(receiver.events("direct")) == ["42"]
