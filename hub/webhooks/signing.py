"""Webhook signatures: `Hub-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "t.body")>`.

During a secret rotation the header carries one `v1=` per secret still valid (the new one
first); a receiver accepts the request when any of them matches its secret.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Iterable

SIGNATURE_HEADER = "Hub-Signature"
EVENT_ID_HEADER = "Hub-Event-Id"
DELIVERY_ID_HEADER = "Hub-Delivery-Id"
DEFAULT_TOLERANCE_SECONDS = 300


def new_secret() -> str:
    return secrets.token_urlsafe(32)  # 256 random bits


def secret_hint(secret: str) -> str:
    """What admins see of a secret after it was shown once: its last four characters."""
    return f"…{secret[-4:]}"


def sign(secret: str, timestamp: int, body: bytes) -> str:
    message = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(signing_secrets: Iterable[str], timestamp: int, body: bytes) -> str:
    parts = [f"t={timestamp}"] + [f"v1={sign(s, timestamp, body)}" for s in signing_secrets]
    return ",".join(parts)


def verify(
    secret: str,
    header: str,
    body: bytes,
    *,
    tolerance: int = DEFAULT_TOLERANCE_SECONDS,
    now: float | None = None,
) -> bool:
    """The receiver's check (the README's recipe): a `v1` matches and `t` is recent."""
    fields = [part.strip().partition("=") for part in header.split(",")]
    stamps = [value for key, _, value in fields if key == "t"]
    if len(stamps) != 1 or not stamps[0].isdigit():
        return False
    timestamp = int(stamps[0])
    if abs((time.time() if now is None else now) - timestamp) > tolerance:
        return False
    expected = sign(secret, timestamp, body)
    return any(hmac.compare_digest(expected, value) for key, _, value in fields if key == "v1")
