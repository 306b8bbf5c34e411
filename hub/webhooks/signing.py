"""Webhook signatures as the Standard Webhooks specification says (standardwebhooks.com), so
the `standardwebhooks` libraries verify them:

- `webhook-id`: the delivery's id. A redelivery keeps it, so receivers de-duplicate by it.
- `webhook-timestamp`: the attempt's time, in unix seconds.
- `webhook-signature`: `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<raw body>")>`; during a
  secret rotation one such entry per secret still valid (the new one first), separated by
  spaces; a receiver accepts the request when any of them matches its secret.

Secrets are `whsec_` + base64 of 32 random bytes, and the key is those bytes. A secret stored
before the hub signed this way has no prefix: its key is the secret's own UTF-8 bytes (what a
receiver gets with `Webhook(secret.encode())`, or with `"whsec_" + base64(secret)`): such a
receiver changes its verifier, not its secret, and gets a `whsec_` one at the next rotation.
Stored secrets are not rewritten, so the `secretHint` admins know stays the same.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Iterable

ID_HEADER = "webhook-id"
TIMESTAMP_HEADER = "webhook-timestamp"
SIGNATURE_HEADER = "webhook-signature"
SECRET_PREFIX = "whsec_"
SECRET_BYTES = 32


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def secret_hint(secret: str) -> str:
    """What admins see of a secret after it was shown once: its last four characters."""
    return f"…{secret[-4:]}"


def signing_key(secret: str) -> bytes:
    """The HMAC key of a secret: the bytes a `whsec_` secret encodes, else (a secret from
    before Standard Webhooks) the secret's own UTF-8 bytes."""
    if secret.startswith(SECRET_PREFIX):
        return base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    return secret.encode()


def sign(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """One signature entry: `v1,<base64>`."""
    message = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(signing_key(secret), message, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signature_headers(
    signing_secrets: Iterable[str], message_id: str, timestamp: int, body: bytes
) -> dict[str, str]:
    """The three headers of one attempt, one signature per secret still valid."""
    return {
        ID_HEADER: message_id,
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: " ".join(sign(s, message_id, timestamp, body) for s in signing_secrets),
    }
