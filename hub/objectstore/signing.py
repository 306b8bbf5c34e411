"""Signed, expiring URLs for the hub's own upload route (local backend)."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime
from urllib.parse import urlencode

from hub.settings import get_settings


def _signature(upload_id: str, expires: int) -> str:
    key = get_settings().effective_secret_key.encode()
    return hmac.new(key, f"upload:{upload_id}:{expires}".encode(), hashlib.sha256).hexdigest()


def signed_upload_url(upload_id: str, expires_at: datetime) -> str:
    expires = int(expires_at.timestamp())
    query = urlencode({"expires": expires, "signature": _signature(upload_id, expires)})
    return f"{get_settings().public_url.rstrip('/')}/uploads/{upload_id}?{query}"


def signature_valid(
    upload_id: str, expires: str | None, signature: str | None, now: datetime
) -> bool:
    if not expires or not signature or not expires.isdigit():
        return False
    expected = _signature(upload_id, int(expires))
    return hmac.compare_digest(expected, signature) and int(expires) > now.timestamp()
