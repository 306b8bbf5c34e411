"""Signed, expiring addresses of the hub's own upload and download routes (local backend)."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime
from urllib.parse import urlencode

from hub.settings import get_settings


def _sign(*parts: str) -> str:
    key = get_settings().effective_secret_key.encode()
    return hmac.new(key, "\x1f".join(parts).encode(), hashlib.sha256).hexdigest()


def _base() -> str:
    return get_settings().public_url.rstrip("/")


def signed_upload_url(upload_id: str, expires_at: datetime) -> str:
    expires = str(int(expires_at.timestamp()))
    query = urlencode({"expires": expires, "signature": _sign("upload", upload_id, expires)})
    return f"{_base()}/uploads/{upload_id}?{query}"


def upload_signature_valid(
    upload_id: str, expires: str | None, signature: str | None, now: datetime
) -> bool:
    if not expires or not signature or not expires.isdigit():
        return False
    expected = _sign("upload", upload_id, expires)
    return hmac.compare_digest(expected, signature) and int(expires) > now.timestamp()


def signed_download_url(key: str, expires_at: datetime, *, filename: str, content_type: str) -> str:
    expires = str(int(expires_at.timestamp()))
    signature = _sign("download", key, expires, filename, content_type)
    query = urlencode(
        {
            "key": key,
            "expires": expires,
            "filename": filename,
            "type": content_type,
            "signature": signature,
        }
    )
    return f"{_base()}/downloads?{query}"


def download_signature_valid(params, now: datetime) -> bool:
    expires, signature = params.get("expires"), params.get("signature")
    if not expires or not signature or not expires.isdigit():
        return False
    expected = _sign(
        "download",
        params.get("key", ""),
        expires,
        params.get("filename", ""),
        params.get("type", ""),
    )
    return hmac.compare_digest(expected, signature) and int(expires) > now.timestamp()
