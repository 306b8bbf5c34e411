"""Touching drafts through a served hub's API and reading event rows straight from PostgreSQL."""

from __future__ import annotations

import json

import asyncpg

from tests.factories import ENTERPRISE_A, WINDOW, application

UPDATE = """mutation($caseId: ID!, $input: ApplicationInput!) {
  updateApplication(caseId: $caseId, input: $input) { id } }"""


async def touch(hub, case_id: str, utilities=("POWER",), enterprise: str = ENTERPRISE_A):
    """One more CASE_UPDATED event on a draft (through the API: the wake-up follows); `hub` is
    a served hub or the in-process API."""
    variables = {"caseId": case_id, "input": application(utilities, enterprise=enterprise)}
    await hub.ok(UPDATE, variables, WINDOW)


async def event_rows(hub, after: int = 0, case_id: str | None = None) -> list[asyncpg.Record]:
    query = "SELECT id, case_id, type, utility FROM case_event WHERE id > $1"
    args: list = [after]
    if case_id is not None:
        query += " AND case_id = $2"
        args.append(case_id)
    return await hub.sql(query + " ORDER BY id", *args)


async def event_ids(hub, after: int = 0, case_id: str | None = None) -> list[int]:
    return [row["id"] for row in await event_rows(hub, after, case_id)]


async def last_event_id(hub) -> int:
    rows = await hub.sql("SELECT coalesce(max(id), 0) AS id FROM case_event")
    return rows[0]["id"]


async def insert_events(hub, case_id: str, count: int, *, padding: int = 0) -> None:
    """`count` CASE_UPDATED rows straight into the table (no wake-up: brokers find them at
    their next read), each carrying `padding` characters of data."""
    data = json.dumps({"padding": "x" * padding})
    await hub.sql(
        """INSERT INTO case_event (case_id, type, actor, role, on_behalf, utility, data, at)
           SELECT $1::uuid, 'CASE_UPDATED', 'bulk', 'window', false, NULL, $2::jsonb, now()
           FROM generate_series(1, $3)""",
        case_id,
        data,
        count,
    )


def ids_of(events: list[dict]) -> list[int]:
    return [int(event["id"]) for event in events]


async def expected_ids(
    hub, *, utility: str | None = None, cases: set[str] | None = None, upto: int | None = None
) -> list[int]:
    """The ids a selection takes, computed here from the rows (not by the hub's code): the
    events of `cases`; with `utility`, of cases holding its ticket, from the dispatch on."""
    rows = await event_rows(hub)
    if cases is not None:
        rows = [row for row in rows if str(row["case_id"]) in cases]
    if utility is not None:
        dispatched: dict = {}
        for row in rows:
            if row["type"] == "TICKET_DISPATCHED" and row["utility"] == utility:
                dispatched.setdefault(row["case_id"], row["id"])
        rows = [r for r in rows if r["id"] >= dispatched.get(r["case_id"], r["id"] + 1)]
    return [row["id"] for row in rows if upto is None or row["id"] <= upto]


async def subscriber_count() -> int:
    """Subscribers of the brokers running in this process (the served hub's thread)."""
    from hub.events import wakeups

    return sum(len(broker.subscribers()) for broker in list(wakeups._local))
