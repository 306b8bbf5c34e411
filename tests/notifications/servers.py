"""What the hub sends to: a small HTTP SMS gateway (Starlette under uvicorn in a thread, as the
webhook receiver runs) that checks the token, answers 500 to the next N requests when told to
and drops repeats by `id`, as API.md lets a gateway do; and a real SMTP server on a loopback
port (aiosmtpd) that keeps every message it accepts."""

from __future__ import annotations

import contextlib
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from tests.served import free_port
from tests.webhooks.receiver import serving

TOKEN = "sms-gateway-test-token"


@dataclass
class SmsGateway:
    base_url: str = ""
    failures_left: int = 0
    requests: list[tuple[int, dict]] = field(default_factory=list)  # (status, body)
    delivered: dict[str, dict] = field(default_factory=dict)  # id -> body, first accepted
    arrival: dict[str, float] = field(default_factory=dict)  # id -> time.time() accepted
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"{self.base_url}/sms"

    def reset(self) -> None:
        with self.lock:
            self.failures_left = 0
            self.requests.clear()
            self.delivered.clear()
            self.arrival.clear()

    def fail_next(self, count: int) -> None:
        with self.lock:
            self.failures_left = count

    def accepted_per_id(self) -> Counter:
        with self.lock:
            return Counter(body["id"] for status, body in self.requests if status == 200)

    def statuses(self) -> list[int]:
        with self.lock:
            return [status for status, _ in self.requests]

    def messages(self) -> list[dict]:
        with self.lock:
            return list(self.delivered.values())

    async def handle(self, request: Request) -> JSONResponse:
        body = await request.json()
        with self.lock:
            if request.headers.get("authorization") != f"Bearer {TOKEN}":
                status = 401
            elif self.failures_left > 0:
                self.failures_left -= 1
                status = 500
            else:
                status = 200
                if body["id"] not in self.delivered:  # a repeat is dropped by its id
                    self.delivered[body["id"]] = body
                    self.arrival[body["id"]] = time.time()
            self.requests.append((status, body))
        return JSONResponse({"ok": status == 200}, status_code=status)

    def app(self) -> Starlette:
        return Starlette(routes=[Route("/sms", self.handle, methods=["POST"])])


@contextlib.contextmanager
def sms_gateway() -> Iterator[SmsGateway]:
    with serving(SmsGateway()) as gateway:
        yield gateway


class _Keeper:
    def __init__(self, mailbox: Mailbox) -> None:
        self.mailbox = mailbox

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self.mailbox.lock:
            self.mailbox.messages.append(message)
        return "250 OK"


@dataclass
class Mailbox:
    port: int = 0
    messages: list[EmailMessage] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def reset(self) -> None:
        with self.lock:
            self.messages.clear()

    def received(self) -> list[EmailMessage]:
        with self.lock:
            return list(self.messages)


@contextlib.contextmanager
def smtp_server() -> Iterator[Mailbox]:
    mailbox = Mailbox(port=free_port())
    controller = Controller(_Keeper(mailbox), hostname="127.0.0.1", port=mailbox.port)
    controller.start()
    try:
        yield mailbox
    finally:
        controller.stop()
