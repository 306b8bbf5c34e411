"""The end of the day, checked from the database and from every receiver: nothing lost, nothing
doubled. Each check adds its counts to a `Verdict`; repeats that the receivers drop by their
idempotency key (webhook-id, the SMS `id`, the e-mail's Message-ID) are at-least-once delivery
working as the contract says, counted apart, not doubles."""

from __future__ import annotations

import asyncio
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


async def pending(dsn: str) -> dict[str, int]:
    """What the workers still have to do, per kind."""
    return dict((await _fetch(dsn, PENDING_PER_KIND))[0])


def pending_line(counts: dict[str, int]) -> str:
    return ", ".join(f"{n:,} {kind}" for kind, n in counts.items())


async def settle(
    stack: Stack,
    portals: list[Portal],
    expected: dict[str, list[int]],
    within: float,
    say=print,
):
    """Waits until nothing is pending (documents, webhook deliveries, notifications) and every
    portal has every event, saying what is pending every PROGRESS_EVERY_SECONDS; seconds it
    took, or None when `within` passed first."""
    dsn = stack.database_url.replace("postgres://", "postgresql://", 1)
    started = time.monotonic()
    next_progress = started + PROGRESS_EVERY_SECONDS
    while time.monotonic() - started < within:
        counts = await pending(dsn)
        if not any(counts.values()):
            # The events are final once nothing is pending (a READY document adds one).
            wanted = await expected_events(stack)
            expected.clear()
            expected.update(wanted)
            if all(set(p.received) >= set(wanted[p.utility]) for p in portals):
                return time.monotonic() - started
        if time.monotonic() >= next_progress:
            next_progress += PROGRESS_EVERY_SECONDS
            say(f"  settling, {time.monotonic() - started:.0f} s: pending {pending_line(counts)}")
        await asyncio.sleep(POLL_SECONDS)
    wanted = await expected_events(stack)
    expected.clear()
    expected.update(wanted)
    return None


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
