"""A fake licence service on a real loopback socket (uvicorn in a thread), told per test how to
answer: `service.will("500", "500")` queues the next answers; after the queue, `service.default`
("ok" unless a test changes it). It records every request it gets (path and headers)."""

from __future__ import annotations

import asyncio
import base64
import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import unquote

import uvicorn

# The example registry of API.md, as a REST licence service would serve it.
RECORDS = {
    "/id-cards/440203199001011231": {
        "number": "440203199001011231",
        "name": "张三",
        "valid_until": "2035-01-01",
        "status": "VALID",
    },
    "/business-licences/91440200MA4W123458": {
        "uscc": "91440200MA4W123458",
        "name": "韶关市某某建设有限公司",
        "legal_representative": "张三",
        "address": "韶关市武江区...",
        "valid_until": None,
        "status": "VALID",
        "issuer": "韶关市武江区市场监督管理局",
    },
    "/property-titles/粤(2024)韶关市不动产权第0012345号": {
        "number": "粤(2024)韶关市不动产权第0012345号",
        "holder_uscc": "91440200MA4W123458",
        "holder_name": "韶关市某某建设有限公司",
        "address": "韶关市武江区...",
        "area_m2": 1200.5,
        "status": "VALID",
    },
}
FAKE_PDF = b"%PDF-1.7\n% the licence file as the service keeps it\n%%EOF\n"
SLOW_SECONDS = 2.0  # longer than the tests' timeouts (0.6 s)
DELAY_SECONDS = 0.1  # shorter than it


@dataclass
class SeenRequest:
    path: str
    headers: dict[str, str]


@dataclass
class FakeLicenceService:
    """Behaviours: ok, slow (answers after SLOW_SECONDS), delay (ok after DELAY_SECONDS), 404,
    400, 401, 500, 502, 503, 504, malformed (invalid JSON), drop (headers and half the body,
    then the connection closes), nested (the record wrapped as {"data": {"licence": ...}}),
    with-file (the record plus "file": base64 PDF), bad-file, bad-status, list."""

    base_url: str = ""
    records: dict[str, object] = field(default_factory=lambda: RECORDS)  # path -> JSON answer
    default: str = "ok"
    requests: list[SeenRequest] = field(default_factory=list)
    _plan: deque[str] = field(default_factory=deque)

    def will(self, *behaviours: str) -> None:
        self._plan.extend(behaviours)

    def reset(self) -> None:
        self.default = "ok"
        self._plan.clear()
        self.requests.clear()

    @property
    def request_count(self) -> int:
        return len(self.requests)

    async def __call__(self, scope, receive, send) -> None:
        assert scope["type"] == "http"
        path = unquote(scope["path"])
        headers = {k.decode().lower(): v.decode() for k, v in scope["headers"]}
        self.requests.append(SeenRequest(path, headers))
        behaviour = self._plan.popleft() if self._plan else self.default
        record = self.records.get(path)

        async def answer(status: int, body: bytes, content_type="application/json") -> None:
            await send(
                {
                    "type": "http.response.start",
                    "status": status,
                    "headers": [(b"content-type", content_type.encode())],
                }
            )
            await send({"type": "http.response.body", "body": body})

        if behaviour in ("slow", "delay"):
            await asyncio.sleep(SLOW_SECONDS if behaviour == "slow" else DELAY_SECONDS)
            behaviour = "ok"
        if behaviour.isdigit():
            await answer(int(behaviour), json.dumps({"error": f"fake {behaviour}"}).encode())
        elif behaviour == "malformed":
            await answer(200, b'{"number": "440203199001011231", "name": ')
        elif behaviour == "drop":
            body = json.dumps(record or {}).encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(b"content-length", str(len(body)).encode())],
                }
            )
            await send({"type": "http.response.body", "body": body[:5], "more_body": True})
            return  # uvicorn closes the connection on an unfinished response
        elif record is None:
            await answer(404, b'{"error": "not found"}')
        elif behaviour == "ok":
            await answer(200, json.dumps(record).encode())
        elif behaviour == "nested":
            await answer(200, json.dumps({"code": 0, "data": {"licence": record}}).encode())
        elif behaviour in ("with-file", "bad-file"):
            file = base64.b64encode(FAKE_PDF).decode() if behaviour == "with-file" else "%%%"
            await answer(200, json.dumps({**record, "file": file}).encode())
        elif behaviour == "bad-status":
            await answer(200, json.dumps({**record, "status": "ACTIVE"}).encode())
        elif behaviour == "list":
            await answer(200, json.dumps([record]).encode())
        else:
            raise AssertionError(f"unknown behaviour {behaviour!r}")


class RunningService:
    """The service served by uvicorn on 127.0.0.1 and a free port, in a daemon thread."""

    def __init__(self, records: dict[str, object] | None = None) -> None:
        self.service = FakeLicenceService(records=RECORDS if records is None else records)
        config = uvicorn.Config(
            self.service,
            host="127.0.0.1",
            port=0,
            lifespan="off",
            log_level="critical",
            timeout_graceful_shutdown=1,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def __enter__(self) -> FakeLicenceService:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            assert self._thread.is_alive(), "the fake licence service died on start-up"
            assert time.monotonic() < deadline, "the fake licence service did not start in 10 s"
            time.sleep(0.01)
        port = self._server.servers[0].sockets[0].getsockname()[1]
        self.service.base_url = f"http://127.0.0.1:{port}"
        return self.service

    def __exit__(self, *exc_info: object) -> None:
        self._server.should_exit = True
        self._thread.join(5)
        assert not self._thread.is_alive(), "the fake licence service did not stop"
