"""The audit rows of the download addresses one operation issues are written together, with one
INSERT, once it has run (hub/audit.py)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from hub.audit import collect_read_audits, collected_read_audits, write_audits

log = logging.getLogger(__name__)

NOT_AUDITED = "访问记录未能写入，本次结果不予返回 (the audit could not be written)"


class ReadAuditCollection(SchemaExtension):
    async def on_execute(self) -> AsyncIterator[None]:
        token = collect_read_audits()
        try:
            yield
        finally:
            entries = collected_read_audits(token)
        try:
            await write_audits(entries)
        except Exception:
            # No address goes out unaudited: the answer loses its data, the log gets the trace.
            log.exception("audit rows of the operation could not be written")
            result = self.execution_context.result
            if result is not None:
                result.data = None
                result.errors = [
                    GraphQLError(NOT_AUDITED, extensions={"code": "INTERNAL"}),
                ]
