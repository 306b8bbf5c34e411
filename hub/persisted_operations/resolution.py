"""Which document a request runs, given its `query` and `extensions.persistedQuery` (Apollo's
automatic persisted queries, version 1), for HTTP GET and POST and the WebSocket `subscribe`.

- hash only: the document remembered under it (or registered); else PERSISTED_QUERY_NOT_FOUND,
  upon which an Apollo client sends the text with the hash;
- text and hash: the hash must be the text's sha256 (else BAD_USER_INPUT); it is remembered;
- text only: run as sent.

With HUB_PERSISTED_ONLY=true only registered documents run: a hash must be registered (else
PERSISTED_QUERY_NOT_FOUND) and text that is not a registered document, with or without a hash,
is PERSISTED_QUERY_REQUIRED; nothing is remembered.
"""

from __future__ import annotations

import re

from hub.errors import BadUserInput, HubError
from hub.persisted_operations.apq_cache import ApqCache, MemoryApqCache
from hub.persisted_operations.documents import sha256_hex
from hub.persisted_operations.registry import registered_document

APQ_VERSION = 1
_SHA256 = re.compile(r"[0-9a-f]{64}")
#: Longer documents are run but not remembered: the cache holds at most size × this.
MAX_REMEMBERED_CHARS = 100_000


class PersistedQueryNotFound(HubError):
    code = "PERSISTED_QUERY_NOT_FOUND"

    def __init__(self, *, persisted_only: bool) -> None:
        if persisted_only:
            message = (
                "该操作未登记，请先用 `hub operations add` 登记 "
                "(PersistedQueryNotFound: no registered operation has this sha256Hash)"
            )
        else:
            message = (
                "未找到该持久化查询，请连同查询文本重发 "
                "(PersistedQueryNotFound: send the query text with its sha256Hash)"
            )
        super().__init__(message)


class PersistedQueryRequired(HubError):
    code = "PERSISTED_QUERY_REQUIRED"

    def __init__(self) -> None:
        super().__init__(
            "本服务只执行已登记的操作，请只发送其 extensions.persistedQuery.sha256Hash "
            "(PersistedQueryRequired: this hub runs registered operations only)"
        )


def _requested_hash(extensions: dict | None) -> str | None:
    persisted = extensions.get("persistedQuery") if isinstance(extensions, dict) else None
    if persisted is None:
        return None
    if not isinstance(persisted, dict) or persisted.get("version") != APQ_VERSION:
        raise BadUserInput.one(
            "extensions.persistedQuery.version",
            f"只支持版本 {APQ_VERSION} (only version {APQ_VERSION} is supported)",
        )
    sha256 = persisted.get("sha256Hash")
    if not isinstance(sha256, str) or not _SHA256.fullmatch(sha256):
        raise BadUserInput.one(
            "extensions.persistedQuery.sha256Hash",
            "应为 64 位小写十六进制 sha256 (expected a lowercase hex sha256)",
        )
    return sha256


class PersistedQueries:
    def __init__(self, cache: ApqCache, *, persisted_only: bool, registered_size: int) -> None:
        self.cache = cache
        self.persisted_only = persisted_only
        # A hash names one text for ever, and registrations are never removed: what this
        # process once found registered needs no database read again.
        self._registered = MemoryApqCache(registered_size)

    async def document(self, query: str | None, extensions: dict | None) -> str | None:
        """The text to run (None: the request has none, strawberry's own error); raises a
        HubError for a request refused by the rules above."""
        sha256 = _requested_hash(extensions)
        if sha256 is None:
            if self.persisted_only and not await self._registered_text(query):
                raise PersistedQueryRequired()
            return query
        if query is not None:
            return await self._text_with_hash(query, sha256)
        text = await self._registered.get(sha256)
        if text is None and not self.persisted_only:
            text = await self.cache.get(sha256)
        if text is None:
            text = await self._registered_document(sha256)
        if text is None:
            raise PersistedQueryNotFound(persisted_only=self.persisted_only)
        return text

    async def _registered_document(self, sha256: str) -> str | None:
        text = await self._registered.get(sha256) or await registered_document(sha256)
        if text is not None:
            await self._registered.remember(sha256, text)
        return text

    async def _text_with_hash(self, query: str, sha256: str) -> str:
        if sha256_hex(query) != sha256:
            raise BadUserInput.one(
                "extensions.persistedQuery.sha256Hash",
                "与查询文本的 sha256 不符 (does not match the sha256 of the query text)",
            )
        if self.persisted_only:
            if await self._registered_document(sha256) is None:
                raise PersistedQueryRequired()
        elif len(query) <= MAX_REMEMBERED_CHARS:
            await self.cache.remember(sha256, query)
        return query

    async def _registered_text(self, query: str | None) -> bool:
        return query is not None and await self._registered_document(sha256_hex(query)) is not None

    async def aclose(self) -> None:
        await self.cache.aclose()
