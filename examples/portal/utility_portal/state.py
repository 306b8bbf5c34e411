"""What the portal keeps in its state directory, so that a restart (even after kill -9)
neither loses nor repeats an event:

- `cursor`: the id of the last event handled, written atomically (a temporary file renamed
  over the old one), read as `after` when the subscription starts again;
- `portal.sqlite3`: the handled events (the portal's output), keyed by event id, and the
  webhook deliveries received, keyed by `webhook-id`. Recording an event and doing its work
  happen in one transaction, so an event that arrives twice (a replay after a crash, a webhook
  retry, the same event by both ways) is handled once.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS handled_event (
    event_id INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    case_no TEXT NOT NULL,
    via TEXT NOT NULL,            -- 'subscription' or 'webhook': whichever came first
    event TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS webhook_delivery (
    webhook_id TEXT PRIMARY KEY,
    event_id INTEGER NOT NULL
);
"""


class PortalState:
    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.directory = directory
        self.cursor_file = directory / "cursor"
        self.db = sqlite3.connect(directory / "portal.sqlite3")
        self.db.execute("PRAGMA journal_mode=WAL")  # others may read while the portal writes
        self.db.executescript(SCHEMA)

    def cursor(self) -> str:
        """`after` for the subscription: "0" (everything) the first time."""
        try:
            return self.cursor_file.read_text().strip() or "0"
        except FileNotFoundError:
            return "0"

    def save_cursor(self, event_id: str) -> None:
        fd, temporary = tempfile.mkstemp(dir=self.directory, prefix=".cursor-")
        with os.fdopen(fd, "w") as file:
            file.write(event_id)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, self.cursor_file)

    def handle(self, event: dict, *, via: str) -> bool:
        """Handles the event unless it was before; True when this call handled it."""
        with self.db:
            return self._handle(event, via)

    def handle_delivery(self, webhook_id: str, event: dict) -> bool:
        """A verified webhook: False for a `webhook-id` already received (answer 200 anyway)."""
        with self.db:
            inserted = self.db.execute(
                "INSERT OR IGNORE INTO webhook_delivery (webhook_id, event_id) VALUES (?, ?)",
                (webhook_id, int(event["id"])),
            )
            if inserted.rowcount == 0:
                return False
            self._handle(event, "webhook")
            return True

    def _handle(self, event: dict, via: str) -> bool:
        event = {key: value for key, value in event.items() if key != "deliveryId"}
        inserted = self.db.execute(
            "INSERT OR IGNORE INTO handled_event (event_id, type, case_no, via, event)"
            " VALUES (?, ?, ?, ?, ?)",
            (int(event["id"]), event["type"], event["caseNo"], via, json.dumps(event)),
        )
        if inserted.rowcount == 0:
            return False
        # The portal's own work goes here, in this transaction (a work order, a notification…).
        print(f"事件 {event['id']} {event['type']} {event['caseNo']} (via {via})", flush=True)
        return True
