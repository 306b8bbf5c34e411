"""Several hub processes on one PostgreSQL and one Redis: an event committed by any process
(an API replica, a worker) reaches the subscribers of every replica through Redis pub/sub, and
brokers also poll, so an event written without a wake-up still arrives."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time

from tests.events.processes import ROOT, hub_environment, hub_processes
from tests.events.support import event_ids, ids_of, insert_events, last_event_id, touch
from tests.events.wsclient import open_socket
from tests.factories import WINDOW, draft_case
from tests.served import empty_postgres

SLOW_POLL = 30  # seconds: anything faster than this came through pub/sub

WORKER_WRITE = """
import asyncio, sys
from hub import db
from hub.auth.principal import SYSTEM
from hub.enums import EventType
from hub.events.record import record_event
from hub.models import Case
from hub.transactions import in_transaction

async def main():
    await db.init()
    try:
        async with in_transaction():
            case = await Case.get(id=sys.argv[1])
            data = {"from": "worker", "status": str(case.status)}
            await record_event(case, EventType.CASE_UPDATED, SYSTEM, data=data)
    finally:
        await db.close()

asyncio.run(main())
"""


async def test_a_write_on_one_replica_reaches_a_subscriber_on_the_other(redis_url):
    database_url = await empty_postgres()
    env = hub_environment(database_url, redis_url, events_poll_seconds=SLOW_POLL)
    async with hub_processes(env, 2) as (one, two):
        case_id = (await draft_case(one, ("POWER",), token=WINDOW))["id"]
        start = await last_event_id(one)
        async with (
            open_socket(two.base_url, WINDOW) as on_two,
            open_socket(one.base_url, WINDOW) as on_one,
        ):
            await on_two.subscribe(after=str(start))
            await on_one.subscribe(after=str(start))
            await touch(one, case_id)
            await touch(two, case_id)
            written = time.monotonic()
            expected = await event_ids(one, after=start)
            assert len(expected) == 2
            assert ids_of(await on_two.events(2, within=5)) == expected
            assert ids_of(await on_one.events(2, within=5)) == expected
            assert time.monotonic() - written < SLOW_POLL / 3, "woken, not polled"

            # A worker process (not serving anything) commits an event: both replicas hear.
            await asyncio.to_thread(
                subprocess.run,
                [sys.executable, "-c", WORKER_WRITE, case_id],
                cwd=ROOT,
                env=env,
                check=True,
                timeout=60,
            )
            [from_worker] = await event_ids(one, after=expected[-1])
            for socket in (on_one, on_two):
                [event] = await socket.events(1, within=5)
                assert int(event["id"]) == from_worker and event["data"] == {
                    "from": "worker",
                    "status": "DRAFT",
                }


async def test_events_written_without_a_wake_up_arrive_at_the_next_poll(hub_with):
    hub = await hub_with(events_poll_seconds=0.3)
    case_id = (await draft_case(hub, ("POWER",), token=WINDOW))["id"]
    start = await last_event_id(hub)
    async with open_socket(hub.base_url, WINDOW) as socket:
        await socket.subscribe(after=str(start))
        await insert_events(hub, case_id, 3)  # straight into the table: nobody is woken
        assert ids_of(await socket.events(3, within=3)) == await event_ids(hub, after=start)
        await touch(hub, case_id)
        assert len(await socket.events(1, within=3)) == 1


CASE_EVENT_IDS = """query($id: ID!) { case(id: $id) {
  events(first: 100) { edges { node { id type } } } } }"""


async def test_the_embedded_default_sqlite_without_redis_replays_then_goes_live(tmp_path):
    env = hub_environment(f"sqlite://{tmp_path / 'hub.sqlite3'}", None)
    async with hub_processes(env) as (hub,):
        case_id = (await draft_case(hub, ("POWER",), token=WINDOW))["id"]
        await touch(hub, case_id)
        async with open_socket(hub.base_url, WINDOW) as socket:
            await socket.subscribe(after="0")
            replayed = await socket.events(2)
            for _ in range(3):
                await touch(hub, case_id)
            live = await socket.events(3)
            stored = (await hub.ok(CASE_EVENT_IDS, {"id": case_id}, WINDOW))["case"]["events"]
            nodes = [edge["node"] for edge in stored["edges"]]
            assert sorted(ids_of(replayed + live)) == sorted(int(n["id"]) for n in nodes)
            assert ids_of(replayed + live) == sorted(ids_of(replayed + live))
            assert [e["type"] for e in replayed + live] == ["CASE_CREATED"] + ["CASE_UPDATED"] * 4
