"""The service guide as a Word file, for any mix of utilities: rendered on first request and
kept in the object store under a key derived from everything it is made of, so a changed guide
or template makes a new file and an unchanged one is never rendered twice."""

from __future__ import annotations

import asyncio
import hashlib
import json
from datetime import timedelta

from hub.documents.context import guide_context
from hub.documents.kinds import DOCX_TYPE, TITLES
from hub.documents.render import render_docx, template_bytes
from hub.enums import UTILITY_TITLES, DocumentKind, Utility
from hub.objectstore import get_object_store, store_errors
from hub.settings import get_settings

KIND = DocumentKind.SERVICE_GUIDE
#: Keys known to be stored (per process), and one lock per key so that concurrent first
#: requests render once.
_stored: set[tuple[str, str]] = set()
_locks: dict[tuple[str, str], asyncio.Lock] = {}


async def service_guide_url(utilities: list[Utility]) -> str:
    chosen = sorted(set(utilities), key=list(Utility).index)
    context = guide_context(chosen)
    fingerprint = hashlib.sha256(
        json.dumps(context, sort_keys=True, ensure_ascii=False, default=str).encode()
        + template_bytes(KIND)
    ).hexdigest()
    key = f"guides/{fingerprint}.docx"
    store = get_object_store()
    settings = get_settings()
    with store_errors():
        where = (repr(store), key)
        if where not in _stored:
            async with _locks.setdefault(where, asyncio.Lock()):
                if where not in _stored and not await store.exists(key):
                    await _render_and_store(key, context)
                _stored.add(where)
        names = "".join(UTILITY_TITLES[u] for u in chosen)
        return await store.presign_get(
            key,
            expires=timedelta(seconds=settings.document_url_ttl_seconds),
            filename=f"{TITLES[KIND]}-{names}.docx",
            content_type=DOCX_TYPE,
        )


async def _render_and_store(key: str, context: dict) -> None:
    content = await asyncio.to_thread(
        render_docx, KIND, context, verify_url=get_settings().public_url
    )

    async def chunks():
        yield content

    await get_object_store().put_stream(key, chunks(), limit=len(content), content_type=DOCX_TYPE)
