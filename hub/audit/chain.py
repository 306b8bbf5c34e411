"""The audit trail's hash chain: each entry carries the hash of the one before it.

An entry's hash is sha256 over the sorted-key JSON of its fields (`HASHED_FIELDS`, the
previous hash and the sequence number among them), so changing any field of an entry breaks
its own hash, rewriting that hash too breaks the next entry's `previous_hash`, and removing an
entry leaves a gap in `seq`. Appending takes the chain lock first (PostgreSQL: an advisory
transaction lock; SQLite writes are serialised already by BEGIN IMMEDIATE), so concurrent
writers never fork the chain.

Pruning (hub/audit/retention.py) removes the oldest entries and appends an `AUDIT_PRUNED`
entry naming the last one removed and its hash: verification starts from the latest such
anchor.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from tortoise import connections

from hub.models import AuditEntry

GENESIS = "0" * 64
CHAIN_LOCK = 0x48554241  # "HUBA"
PRUNED = "AUDIT_PRUNED"
HASHED_FIELDS = (
    "seq",
    "at",
    "actor",
    "role",
    "on_behalf",
    "action",
    "case_id",
    "subject",
    "outcome",
    "address",
    "details",
    "previous_hash",
)
BATCH = 1000


def _plain(value: object) -> object:
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=UTC)
        return moment.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, UUID):
        return str(value)
    return value


def entry_hash(entry: object) -> str:
    """sha256 (hex) of the entry's hashed fields as sorted-key JSON."""
    values = {name: _plain(getattr(entry, name)) for name in HASHED_FIELDS}
    text = json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


async def take_chain_lock() -> None:
    """Held until the transaction ends; only ever taken at a transaction's end (before commit),
    so its holder never waits for a lock another transaction holds."""
    connection = connections.get("default")
    if connection.capabilities.dialect == "postgres":
        await connection.execute_query("SELECT pg_advisory_xact_lock($1)", [CHAIN_LOCK])


async def append(entries: list[AuditEntry]) -> None:
    """Chains `entries` after the current head and inserts them with one INSERT. Must run in a
    transaction (the lock and the head belong to it)."""
    if not entries:
        return
    await take_chain_lock()
    head = await AuditEntry.all().order_by("-seq").only("seq", "hash").first()
    seq, previous = (head.seq, head.hash) if head else (0, GENESIS)
    for entry in entries:
        seq += 1
        entry.seq, entry.previous_hash = seq, previous
        entry.hash = previous = entry_hash(entry)
    await AuditEntry.bulk_create(entries)


@dataclass(frozen=True)
class Verification:
    verified: int  # entries whose hash and link were checked
    head_seq: int
    head_hash: str
    problem: str | None = None  # the first broken entry, named by seq and id

    @property
    def intact(self) -> bool:
        return self.problem is None


async def _anchor() -> tuple[int, str]:
    """(seq, hash) the first kept entry must follow: the last pruned entry, or the genesis."""
    pruned = await AuditEntry.filter(action=PRUNED).order_by("-seq").first()
    if pruned is None or not isinstance(pruned.details, dict):
        return 0, GENESIS
    return int(pruned.details.get("throughSeq", 0)), str(pruned.details.get("throughHash"))


async def verify() -> Verification:
    """Walks the chain in `seq` order; stops at the first entry altered or missing."""
    expected_seq, previous = await _anchor()
    expected_seq += 1
    verified, last = 0, None
    while True:
        batch = await AuditEntry.filter(seq__gte=expected_seq).order_by("seq").limit(BATCH)
        for entry in batch:
            if entry.seq != expected_seq:
                problem = _removed(expected_seq, entry)
                return Verification(verified, expected_seq - 1, previous, problem)
            if entry.previous_hash != previous:
                return Verification(verified, entry.seq, previous, _altered_before(last, entry))
            if entry_hash(entry) != entry.hash:
                return Verification(
                    verified,
                    entry.seq,
                    previous,
                    f"第 {entry.seq} 条 (id {entry.id}) 已被改动 "
                    f"(entry seq {entry.seq}, id {entry.id}, was altered: its hash does not match)",
                )
            verified, previous, last, expected_seq = verified + 1, entry.hash, entry, entry.seq + 1
        if len(batch) < BATCH:
            return Verification(verified, expected_seq - 1, previous)


def _removed(seq: int, following: AuditEntry) -> str:
    return (
        f"第 {seq} 条已被删除 (entry seq {seq} was removed; the next present is seq "
        f"{following.seq}, id {following.id})"
    )


def _altered_before(last: AuditEntry | None, entry: AuditEntry) -> str:
    if last is None:  # the first kept entry does not follow the anchor
        return (
            f"第 {entry.seq} 条 (id {entry.id}) 与链首不符 "
            f"(entry seq {entry.seq}, id {entry.id}, does not follow the chain's anchor: "
            "altered, or entries before it were removed)"
        )
    return (
        f"第 {last.seq} 条 (id {last.id}) 已被改动 "
        f"(entry seq {last.seq}, id {last.id}, was altered: its hash was rewritten, so entry "
        f"seq {entry.seq} no longer follows it)"
    )
