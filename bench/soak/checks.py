"""The end of the day, checked from the database and from every receiver: nothing lost, nothing
doubled. Each check adds its counts to a `Verdict`; repeats that the receivers drop by their
idempotency key (webhook-id, the SMS `id`, the e-mail's Message-ID) are at-least-once delivery
working as the contract says, counted apart, not doubles."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import Counter
from dataclasses import dataclass, field

import asyncpg

from bench.soak.day import Script
from bench.soak.portals import Portal
from bench.soak.stack import MAIL_DOMAIN, Stack


@dataclass
class Verdict:
    lost: Counter = field(default_factory=Counter)
    doubled: Counter = field(default_factory=Counter)
    repeats_dropped: Counter = field(default_factory=Counter)  # at-least-once, de-duplicated
    checked: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    def problem(self, text: str) -> None:
        if len(self.problems) < 40:
            self.problems.append(text)

    @property
    def passed(self) -> bool:
        return not self.problems and not +self.lost and not +self.doubled


async def _fetch(dsn: str, query: str, *args):
    conn = await asyncpg.connect(dsn)
    try:
        return await conn.fetch(query, *args)
    finally:
        await conn.close()


PENDING_PER_KIND = """SELECT
  (SELECT count(*) FROM document WHERE status = 'PENDING') AS documents,
  (SELECT count(*) FROM webhook_delivery WHERE status = 'PENDING') AS "webhook deliveries",
  (SELECT count(*) FROM notification WHERE status = 'PENDING') AS notifications"""
PROGRESS_EVERY_SECONDS = 10.0
POLL_SECONDS = 0.25
#: Reading every event each utility should get costs the soak's own event loop (where the
#: portals run) seconds on a long day: read again at most this often.
EXPECTED_EVERY_SECONDS = 5.0


async def pending(dsn: str) -> dict[str, int]:
    """What the workers still have to do, per kind."""
    return dict((await _fetch(dsn, PENDING_PER_KIND))[0])


def pending_line(counts: dict[str, int]) -> str:
    return ", ".join(f"{n:,} {kind}" for kind, n in counts.items())


def portals_behind(portals: list[Portal], expected: dict[str, list[int]]) -> int:
    """Events meant for a portal that it has not received (yet)."""
    return sum(len(set(expected.get(p.utility, ())) - set(p.received)) for p in portals)


async def settle(
    stack: Stack,
    portals: list[Portal],
    expected: dict[str, list[int]],
    within: float,
    say=print,
):
    """Waits until nothing is pending (documents, webhook deliveries, notifications) and every
    portal has every event, saying what is pending every PROGRESS_EVERY_SECONDS; seconds it
    took, or None when `within` passed first. `expected` is left holding the events each
    utility should have got."""
    dsn = stack.database_url.replace("postgres://", "postgresql://", 1)
    started = time.monotonic()
    next_progress = started + PROGRESS_EVERY_SECONDS
    read_expected_at = 0.0
    while time.monotonic() - started < within:
        counts = await pending(dsn)
        if not any(counts.values()) and time.monotonic() >= read_expected_at:
            # Read only once the workers are done: a READY document adds an event.
            wanted = await expected_events(stack)
            expected.clear()
            expected.update(wanted)
            read_expected_at = time.monotonic() + EXPECTED_EVERY_SECONDS
        if not any(counts.values()) and expected and not portals_behind(portals, expected):
            # The last word: nothing new was recorded since `expected` was read.
            wanted = await expected_events(stack)
            if wanted == expected:
                return time.monotonic() - started
            expected.clear()
            expected.update(wanted)
        if time.monotonic() >= next_progress:
            next_progress += PROGRESS_EVERY_SECONDS
            behind = f", portals behind by {portals_behind(portals, expected):,} events" * bool(
                expected
            )
            say(
                f"  settling, {time.monotonic() - started:.0f} s: pending {pending_line(counts)}"
                + behind
            )
        await asyncio.sleep(POLL_SECONDS)
    wanted = await expected_events(stack)
    expected.clear()
    expected.update(wanted)
    return None


def portal_gaps(portals: list[Portal], expected: dict[str, list[int]]) -> list[str]:
    """Per portal behind: what it lacks, and whether below its cursor (never to come)."""
    lines = []
    for portal in portals:
        missing = sorted(set(expected.get(portal.utility, ())) - set(portal.received))
        if not missing:
            continue
        cursor = portal.received[-1] if portal.received else 0
        below = [m for m in missing if m < cursor]
        disorder = sum(1 for a, b in itertools.pairwise(portal.received) if b <= a)
        lines.append(
            f"portal {portal.utility}: lacks {len(missing)} events ({len(below)} below its"
            f" cursor {cursor}: {below[:8]}), first missing {missing[:8]};"
            f" {disorder} out of order; errors {portal.errors[:2]}"
        )
    return lines


async def expected_events(stack: Stack) -> dict[str, list[int]]:
    """Per utility, the events the hub's own rules say reach it (hub.events.selection), read
    from the database in id order."""
    from hub.enums import Utility
    from hub.events.selection import EventSelection
    from hub.events.stream import replay

    wanted = {}
    for utility in Utility:
        ids = [d.event.id async for d in replay(EventSelection(utility=utility), after=0)]
        wanted[utility.value] = ids
    return wanted


async def check_cases(dsn: str, scripts: list[Script], run: str, verdict: Verdict) -> None:
    rows = await _fetch(
        dsn,
        'SELECT c.id::text AS id, c.status, p.name FROM "case" c'
        " JOIN project p ON p.id = c.project_id WHERE p.name LIKE $1",
        f"%{run}-%",
    )
    by_name = Counter(row["name"] for row in rows)
    status = {row["id"]: row["status"] for row in rows}
    for script in scripts:
        verdict.checked["cases"] += 1
        name = script.project_name(run)
        if script.failure:
            verdict.problem(f"case script {script.number} failed: {script.failure}")
        if by_name[name] == 0:
            verdict.lost["cases"] += 1
        elif by_name[name] > 1:
            verdict.doubled["cases"] += by_name[name] - 1
        if script.case_id and status.get(script.case_id) != script.reached:
            verdict.problem(
                f"case {script.number}: script reached {script.reached}, "
                f"database says {status.get(script.case_id)}"
            )


async def check_documents(dsn: str, verdict: Verdict) -> None:
    documents = await _fetch(dsn, "SELECT id::text AS id, status, version FROM document")
    ready_events = await _fetch(
        dsn,
        "SELECT data->>'documentId' AS id, (data->>'version')::int AS version"
        " FROM case_event WHERE type = 'DOCUMENT_READY'",
    )
    per_version = Counter((row["id"], row["version"]) for row in ready_events)
    for document in documents:
        verdict.checked["documents"] += 1
        count = per_version[(document["id"], document["version"])]
        if document["status"] != "READY" or count == 0:
            verdict.lost["documents"] += 1
            verdict.problem(f"document {document['id']} {document['status']}, READY x{count}")
        elif count > 1:
            verdict.doubled["documents"] += count - 1
    slots = await _fetch(
        dsn,
        "SELECT count(*) AS n FROM document GROUP BY case_id, kind, ticket_id, consultation_id,"
        " version HAVING count(*) > 1",
    )
    verdict.doubled["documents"] += sum(row["n"] - 1 for row in slots)


def check_portals(portals: list[Portal], expected: dict[str, list[int]], verdict: Verdict) -> None:
    for portal in portals:
        wanted, got = expected[portal.utility], portal.received
        verdict.checked["portal events"] += len(wanted)
        counts = Counter(got)
        verdict.lost["portal events"] += len(set(wanted) - set(got))
        verdict.doubled["portal events"] += sum(n - 1 for n in counts.values() if n > 1)
        if got != sorted(got):
            verdict.problem(f"portal {portal.utility} got events out of order")
        if set(got) - set(wanted):
            verdict.problem(f"portal {portal.utility} got events not meant for it")
        for error in portal.errors[:3]:
            verdict.problem(f"portal {portal.utility}: {error}")


async def check_webhooks(dsn: str, stack: Stack, expected, endpoints: dict, verdict: Verdict):
    """`endpoints`: receiver name (the utility) -> endpoint id."""
    receiver = stack.receiver
    for name, endpoint_id in endpoints.items():
        rows = await _fetch(
            dsn,
            "SELECT id::text AS id, event_id, status FROM webhook_delivery WHERE endpoint_id = $1",
            endpoint_id,
        )
        verdict.checked["webhook deliveries"] += len(rows)
        per_event = Counter(row["event_id"] for row in rows)
        verdict.doubled["webhook deliveries"] += sum(n - 1 for n in per_event.values() if n > 1)
        verdict.lost["webhook deliveries"] += len(set(expected[name]) - set(per_event))
        with receiver.lock:
            accepted = Counter(
                r.message_id for r in receiver.requests if r.endpoint == name and r.status == 200
            )
        ids = {row["id"] for row in rows}
        verdict.lost["webhook deliveries"] += len(ids - set(accepted))
        verdict.repeats_dropped["webhook deliveries"] += sum(n - 1 for n in accepted.values())
        if set(accepted) - ids:
            verdict.problem(f"receiver {name} accepted webhook-ids the hub does not know")
        for row in rows:
            if row["status"] != "DELIVERED":
                verdict.problem(f"webhook delivery {row['id']} is {row['status']}")


async def check_notifications(dsn: str, stack: Stack, verdict: Verdict) -> None:
    rows = await _fetch(dsn, "SELECT id::text AS id, channel, status FROM notification")
    verdict.checked["notifications"] += len(rows)
    for row in rows:
        if row["status"] != "SENT":
            verdict.lost["notifications"] += 1
            verdict.problem(f"notification {row['id']} ({row['channel']}) is {row['status']}")
    sms_rows = {row["id"] for row in rows if row["channel"] == "SMS"}
    sms = stack.sms.accepted_per_id()
    verdict.lost["notifications"] += len(sms_rows - set(sms))
    verdict.doubled["notifications"] += len(set(sms) - sms_rows)
    verdict.repeats_dropped["notifications"] += sum(n - 1 for n in sms.values())
    mail_rows = {f"<{row['id']}@{MAIL_DOMAIN}>" for row in rows if row["channel"] == "EMAIL"}
    mail = Counter(message["Message-ID"] for message in stack.mailbox.received())
    verdict.lost["notifications"] += len(mail_rows - set(mail))
    verdict.doubled["notifications"] += len(set(mail) - mail_rows)
    verdict.repeats_dropped["notifications"] += sum(n - 1 for n in mail.values())
