"""A utility portal's webhook receiver, as an integrator would write it: a real HTTP server
on a loopback port (Starlette under uvicorn, in a thread) that checks `Hub-Signature` with the
README's verifier, answers 500 to the first N requests of an endpoint when told to, and keeps a
log de-duplicated by `Hub-Event-Id`."""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from tests.served import free_port

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_verifier() -> Callable[..., bool]:
    """The `verify` function of the README's "Webhooks" section, exactly as printed there."""
    text = README.read_text()
    section = text[text.index("## Webhooks") :]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    assert code, "the README's Webhooks section has no python block"
    namespace: dict = {}
    exec(code.group(1), namespace)
    return namespace["verify"]


@dataclass
class Received:
    endpoint: str
    event_id: str | None
    delivery_id: str | None
    status: int
    body: dict | None


@dataclass
class Receiver:
    base_url: str = ""
    secrets: dict[str, str] = field(default_factory=dict)
    failures_left: dict[str, int] = field(default_factory=dict)
    requests: list[Received] = field(default_factory=list)
    log: dict[str, dict[str, dict]] = field(default_factory=dict)  # endpoint -> event id -> body
    delays: dict[str, float] = field(default_factory=dict)  # endpoint -> seconds before answering
    redirects: set[str] = field(default_factory=set)  # endpoints answering 307 to elsewhere
    verify: Callable[..., bool] = field(default_factory=readme_verifier)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def reset(self) -> None:
        with self.lock:
            self.secrets.clear()
            self.failures_left.clear()
            self.requests.clear()
            self.log.clear()
            self.delays.clear()
            self.redirects.clear()

    def url(self, name: str) -> str:
        return f"{self.base_url}/hooks/{name}"

    def expect(self, name: str, secret: str, *, fail_first: int = 0) -> None:
        with self.lock:
            self.secrets[name] = secret
            self.failures_left[name] = fail_first

    def fail_next(self, name: str, count: int) -> None:
        with self.lock:
            self.failures_left[name] = count

    def events(self, name: str) -> dict[str, dict]:
        """The de-duplicated log of one endpoint: event id -> body."""
        with self.lock:
            return dict(self.log.get(name, {}))

    def statuses(self, name: str, event_id: str | None = None) -> list[int]:
        with self.lock:
            return [
                r.status
                for r in self.requests
                if r.endpoint == name and (event_id is None or r.event_id == event_id)
            ]

    def accepted_per_event(self, name: str) -> Counter:
        with self.lock:
            return Counter(
                r.event_id for r in self.requests if r.endpoint == name and r.status == 200
            )

    async def handle(self, request: Request) -> Response:
        name = request.path_params["name"]
        raw = await request.body()
        if name in self.redirects:
            return RedirectResponse(self.url("elsewhere"), status_code=307)
        if name in self.delays:
            await asyncio.sleep(self.delays[name])
        event_id = request.headers.get("hub-event-id")
        delivery_id = request.headers.get("hub-delivery-id")
        with self.lock:
            secret = self.secrets.get(name)
            signed = secret is not None and self.verify(
                secret, request.headers.get("hub-signature", ""), raw
            )
            if not signed or request.headers.get("content-type") != "application/json":
                status, body = 401, None
            elif self.failures_left.get(name, 0) > 0:
                self.failures_left[name] -= 1
                status, body = 500, None
            else:
                status, body = 200, json.loads(raw)
                self.log.setdefault(name, {}).setdefault(event_id, body)  # dedup by event id
            self.requests.append(Received(name, event_id, delivery_id, status, body))
        return PlainTextResponse("ok" if status == 200 else "no", status_code=status)

    def app(self) -> Starlette:
        return Starlette(routes=[Route("/hooks/{name}", self.handle, methods=["POST"])])


@contextlib.contextmanager
def serving(receiver: Receiver) -> Iterator[Receiver]:
    port = free_port()
    config = uvicorn.Config(
        receiver.app(), host="127.0.0.1", port=port, log_level="warning", lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert thread.is_alive(), "the receiver died during start-up"
        assert time.monotonic() < deadline, "the receiver did not start within 10 s"
        time.sleep(0.02)
    receiver.base_url = f"http://127.0.0.1:{port}"
    try:
        yield receiver
    finally:
        server.should_exit = True
        thread.join(10)
