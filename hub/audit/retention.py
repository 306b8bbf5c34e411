"""Retention: entries older than HUB_AUDIT_RETENTION_DAYS are removed (0: kept for ever).

The removal is itself audited: an `AUDIT_PRUNED` entry, chained before the old entries go,
names the last one removed and its hash, the anchor `hub audit verify` starts from.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from hub import clock
from hub.audit import chain
from hub.audit.record import new_entry
from hub.auth.principal import SYSTEM
from hub.models import AuditEntry
from hub.settings import get_settings
from hub.transactions import in_transaction


async def prune_before(cutoff: datetime) -> int:
    """Removes every entry up to the newest one older than `cutoff`; how many were removed."""
    async with in_transaction(events=False):
        await chain.take_chain_lock()  # no entry is appended meanwhile
        last = await AuditEntry.filter(at__lt=cutoff).order_by("-seq").first()
        if last is None:
            return 0
        removed = await AuditEntry.filter(seq__lte=last.seq).count()
        anchor = new_entry(
            action=chain.PRUNED,
            who=SYSTEM,
            details={"throughSeq": last.seq, "throughHash": last.hash, "removed": removed},
        )
        await chain.append([anchor])
        await AuditEntry.filter(seq__lte=last.seq).delete()
    return removed


async def prune_expired() -> int:
    """The periodic job: what HUB_AUDIT_RETENTION_DAYS no longer keeps."""
    days = get_settings().audit_retention_days
    if days <= 0:
        return 0
    return await prune_before(clock.now() - timedelta(days=days))
