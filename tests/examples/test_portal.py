"""examples/portal against a served hub (issue 14): the portal is killed (-9) and restarted
while events stream, and ends with every event visible to its utility exactly once, equal to
the database's list; its webhook receiver verified every delivery with `standardwebhooks` and
refuses a tampered one. The portal holds an API key the test creates (createApiKey). The hub
runs with HUB_PERSISTED_ONLY=true: the portal sends only its operation's hash, as registered by
`hub operations add examples/portal/operations.graphql`."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
from standardwebhooks.webhooks import Webhook

import tests.api
from tests.api import REVIEW
from tests.events.support import expected_ids
from tests.factories import (
    ADMIN,
    CREATE_API_KEY,
    REVIEWERS,
    accepted_case_and_tickets,
    api_key,
)
from tests.persisted_operations.support import register_on_served_hub
from tests.served import free_port
from tests.webhooks.support import REGISTER

PORTAL = Path(__file__).resolve().parents[2] / "examples" / "portal"


def api_documents() -> list[str]:
    """The documents the test's own requests send (the hub runs registered ones only)."""
    return [
        value
        for name, value in vars(tests.api).items()
        if name.isupper() and isinstance(value, str) and value.startswith(("query", "mutation"))
    ]


def start_portal(env: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("a") as output:
        return subprocess.Popen(
            [sys.executable, "-m", "utility_portal"],
            cwd=PORTAL,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def rows(state_dir: Path, query: str) -> list[tuple]:
    path = state_dir / "portal.sqlite3"
    if not path.exists():
        return []
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        try:
            return db.execute(query).fetchall()
        except sqlite3.OperationalError:  # not created yet
            return []


def handled_ids(state_dir: Path) -> list[int]:
    return [r[0] for r in rows(state_dir, "SELECT event_id FROM handled_event ORDER BY event_id")]


async def eventually(check, within: float, what: str) -> None:
    """Until `check()` (a function or a coroutine function) is true."""
    deadline = time.monotonic() + within
    while not (await result if inspect.isawaitable(result := check()) else result):
        assert time.monotonic() < deadline, f"not within {within} s: {what}"
        await asyncio.sleep(0.1)


async def test_the_portal_restarted_mid_stream_handles_every_event_once(hub_with, tmp_path):
    hub = await hub_with(
        persisted_only="true",
        # deliveries the kill interrupts are retried at least every 0.5 s while it is down
        webhook_retry_base_seconds="0.1",
        webhook_retry_cap_seconds="0.5",
        webhook_max_attempts="100",
    )
    operations = (PORTAL / "operations.graphql").read_bytes().decode()
    await register_on_served_hub(hub, operations, REGISTER, CREATE_API_KEY, *api_documents())
    port, state_dir, log = free_port(), tmp_path / "state", tmp_path / "portal.log"
    url = f"http://127.0.0.1:{port}/hub-events"
    registered = await hub.ok(REGISTER, {"input": {"utility": "POWER", "url": url}}, ADMIN)
    secret = registered["registerWebhook"]["secret"]
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("HUB_", "PORTAL_"))},
        "PORTAL_HUB_URL": hub.base_url,
        "PORTAL_API_KEY": (await api_key(hub, "POWER", "示例平台"))["secret"],
        "PORTAL_UTILITY": "POWER",
        "PORTAL_STATE_DIR": str(state_dir),
        "PORTAL_WEBHOOK_SECRET": secret,
        "PORTAL_WEBHOOK_PORT": str(port),
    }

    portal = start_portal(env, log)
    try:
        _, first = await accepted_case_and_tickets(hub, ("POWER", "GAS"))
        await eventually(lambda: _some(state_dir), 15, "the portal handles its first events")
        before = len(handled_ids(state_dir))
        second = asyncio.create_task(accepted_case_and_tickets(hub, ("POWER",)))
        await eventually(lambda: _more(state_dir, before), 15, "more events arrive")
        os.kill(portal.pid, signal.SIGKILL)  # mid-stream: no chance to finish anything
        portal.wait(10)
        at_kill = handled_ids(state_dir)
        cursor_file = state_dir / "cursor"  # saved just after each event is handled
        cursor_at_kill = cursor_file.read_text() if cursor_file.exists() else "0"
        _, later = await second
        await _review(hub, first["POWER"])  # while the portal is down

        portal = start_portal(env, log)
        await _review(hub, later["POWER"])

        async def caught_up() -> bool:
            return handled_ids(state_dir) == await expected_ids(hub, utility="POWER")

        await eventually(caught_up, 20, "the portal ends with the database's list")
        expected = await expected_ids(hub, utility="POWER")
        assert 0 < len(at_kill) < len(expected)
        assert f"after={cursor_at_kill}" in log.read_text()  # it resumed from its cursor

        deliveries = await _all_delivered(hub)
        verified = {r[0] for r in rows(state_dir, "SELECT webhook_id FROM webhook_delivery")}
        assert verified == deliveries  # every delivery verified (else 400, and retried)
        assert {r[0] for r in rows(state_dir, "SELECT event_id FROM webhook_delivery")} == set(
            expected
        )
        await _tampered_deliveries_are_refused(url, secret, state_dir)
    finally:
        if portal.poll() is None:
            portal.terminate()
            portal.wait(10)


async def test_on_an_open_hub_the_portal_sends_its_operation_once(hub_with, tmp_path):
    """Without registration: the hash is unknown (PERSISTED_QUERY_NOT_FOUND), the portal sends
    the text with it once, and after a restart the hub remembers it (hash only)."""
    hub = await hub_with()
    state_dir, log = tmp_path / "state", tmp_path / "portal.log"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("HUB_", "PORTAL_"))},
        "PORTAL_HUB_URL": hub.base_url,
        "PORTAL_API_KEY": (await api_key(hub, "POWER", "示例平台"))["secret"],
        "PORTAL_STATE_DIR": str(state_dir),
    }
    portal = start_portal(env, log)
    try:
        await accepted_case_and_tickets(hub, ("POWER",))

        async def caught_up() -> bool:
            return handled_ids(state_dir) == await expected_ids(hub, utility="POWER")

        await eventually(caught_up, 15, "the portal handles the case's events")
        portal.terminate()
        portal.wait(10)
        portal = start_portal(env, log)
        await eventually(lambda: _subscribed_twice(log), 15, "the portal subscribes again")
        await accepted_case_and_tickets(hub, ("POWER",))
        await eventually(caught_up, 15, "the portal handles the next case's events")
        assert log.read_text().count("the hub asks for the operation's text") == 1
    finally:
        if portal.poll() is None:
            portal.terminate()
            portal.wait(10)


def _subscribed_twice(log: Path) -> bool:
    return log.read_text().count("subscribing") == 2


async def _review(hub, ticket_id: str) -> None:
    variables = {"id": ticket_id, "decision": "ELIGIBLE"}
    await hub.ok(REVIEW, variables, REVIEWERS["POWER"])


def _some(state_dir: Path) -> bool:
    return bool(handled_ids(state_dir))


def _more(state_dir: Path, than: int) -> bool:
    return len(handled_ids(state_dir)) > than


async def _all_delivered(hub) -> set[str]:
    """The hub's delivery ids once every one is DELIVERED (those the kill interrupted retry)."""

    async def delivered() -> bool:
        states = await hub.sql("SELECT status FROM webhook_delivery")
        return bool(states) and all(r["status"] == "DELIVERED" for r in states)

    await eventually(delivered, 20, "every webhook delivery reaches the restarted receiver")
    return {r["id"] for r in await hub.sql("SELECT id::text AS id FROM webhook_delivery")}


async def _tampered_deliveries_are_refused(url: str, secret: str, state_dir: Path) -> None:
    before = rows(state_dir, "SELECT * FROM webhook_delivery")
    body = b'{"id":"999999","type":"CASE_ACCEPTED","caseNo":"SDQ-0","data":{}}'
    timestamp = int(time.time())
    signature = Webhook(secret).sign("msg_forged", _utc(timestamp), body.decode())
    headers = {
        "webhook-id": "msg_forged",
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature,
    }
    async with httpx.AsyncClient(timeout=5) as client:
        tampered = await client.post(
            url, content=body.replace(b"999999", b"999998"), headers=headers
        )
        unsigned = await client.post(url, content=body)
    assert tampered.status_code == unsigned.status_code == 400
    assert rows(state_dir, "SELECT * FROM webhook_delivery") == before
    assert 999998 not in handled_ids(state_dir)


def _utc(timestamp: int):
    from datetime import UTC, datetime

    return datetime.fromtimestamp(timestamp, UTC)
