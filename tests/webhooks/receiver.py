"""A utility portal's webhook receiver, as an integrator would write it: a real HTTP server
on a loopback port (Starlette under uvicorn, in a thread) that verifies every request with the
`standardwebhooks` package (any of the secrets it holds for an endpoint: both during a
rotation), answers 500 to the first N requests of an endpoint when told to, and keeps a log
de-duplicated by `webhook-id`."""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import uvicorn
from standardwebhooks.webhooks import EmptyWebhookSecretError, Webhook, WebhookVerificationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from tests.served import free_port


def verifies(secret: str, body: bytes, headers) -> bool:
    """What an integrator writes: `Webhook(secret).verify(body, headers)`. A secret without the
    `whsec_` prefix (issued before Standard Webhooks) is its own key: `Webhook(secret.encode())`."""
    try:
        key = secret if secret.startswith("whsec_") else secret.encode()
        Webhook(key).verify(body, dict(headers), json_parse=False)
    except (WebhookVerificationError, EmptyWebhookSecretError, ValueError):  # binascii: ValueError
        return False
    return True


@dataclass
class Received:
    endpoint: str
    event_id: str | None  # the body's `id`, when it is JSON
    message_id: str | None  # the `webhook-id` header: the delivery's id
    status: int
    body: dict | None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Receiver:
    base_url: str = ""
    secrets: dict[str, list[str]] = field(default_factory=dict)
    failures_left: dict[str, int] = field(default_factory=dict)
    requests: list[Received] = field(default_factory=list)
    log: dict[str, dict[str, dict]] = field(default_factory=dict)  # endpoint -> event id -> body
    seen: dict[str, set[str]] = field(default_factory=dict)  # endpoint -> webhook-ids accepted
    delays: dict[str, float] = field(default_factory=dict)  # endpoint -> seconds before answering
    redirects: set[str] = field(default_factory=set)  # endpoints answering 307 to elsewhere
    lock: threading.Lock = field(default_factory=threading.Lock)

    def reset(self) -> None:
        with self.lock:
            self.secrets.clear()
            self.failures_left.clear()
            self.requests.clear()
            self.log.clear()
            self.seen.clear()
            self.delays.clear()
            self.redirects.clear()

    def url(self, name: str) -> str:
        return f"{self.base_url}/hooks/{name}"

    def expect(self, name: str, *secrets: str, fail_first: int = 0) -> None:
        """The endpoint's secrets: a request is accepted when it verifies with any of them."""
        with self.lock:
            self.secrets[name] = list(secrets)
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
        message_id = request.headers.get("webhook-id")
        try:
            event_id = str(json.loads(raw)["id"])
        except (ValueError, TypeError, KeyError):
            event_id = None
        with self.lock:
            secrets = self.secrets.get(name, [])
            signed = any(verifies(secret, raw, request.headers) for secret in secrets)
            if not signed or request.headers.get("content-type") != "application/json":
                status, body = 401, None
            elif self.failures_left.get(name, 0) > 0:
                self.failures_left[name] -= 1
                status, body = 500, None
            else:
                status, body = 200, json.loads(raw)
                seen = self.seen.setdefault(name, set())
                if message_id not in seen:  # de-duplicated by webhook-id
                    seen.add(message_id)
                    self.log.setdefault(name, {})[event_id] = body
            received = Received(name, event_id, message_id, status, body, dict(request.headers))
            self.requests.append(received)
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
