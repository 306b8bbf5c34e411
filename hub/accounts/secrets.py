"""Bearer secrets of sessions and API keys: 32 random bytes behind a prefix that says which
kind it is; the hub stores only the sha256 (enough for secrets of that entropy)."""

from __future__ import annotations

import hashlib
import secrets

SESSION_PREFIX = "hubs_"
API_KEY_PREFIX = "hubk_"
SHOWN_PREFIX_LENGTH = 12  # "hubk_" and 7 characters of the secret, to tell keys apart


def new_secret(prefix: str) -> str:
    return prefix + secrets.token_urlsafe(32)


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
