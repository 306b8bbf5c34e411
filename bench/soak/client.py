"""The soak's GraphQL client: requests go round-robin to the API replicas; what a real client
does with a replica that is down or a store that is out (try the other replica, wait and try
again) it does too, and every answer is recorded (operation, time, latency, HTTP status, error
code) for the figures and the 5xx check."""

from __future__ import annotations

import asyncio
import itertools
import time
from dataclasses import dataclass, field

import httpx

#: Error codes a client waits out and retries: the hub refused nothing, something was down.
TRANSIENT = {"UPSTREAM_UNAVAILABLE", "INTERNAL", "RATE_LIMITED"}
RETRY_PAUSE, RETRY_FOR = 0.5, 240.0


@dataclass
class Answer:
    operation: str
    at: float  # time.monotonic() when sent
    seconds: float
    status: int  # HTTP status; 0: no answer (connection refused or cut)
    code: str | None = None  # the first GraphQL error's code


class Failed(Exception):
    def __init__(self, operation: str, code: str | None, body) -> None:
        super().__init__(f"{operation}: {code}: {body}")
        self.code, self.body = code, body


@dataclass
class HubClient:
    urls: list[str]
    answers: list[Answer] = field(default_factory=list)
    clients: list[httpx.AsyncClient] = field(default_factory=list)

    def __post_init__(self) -> None:
        limits = httpx.Limits(max_connections=64, max_keepalive_connections=32)
        self.clients = [
            httpx.AsyncClient(base_url=url, timeout=30, limits=limits) for url in self.urls
        ]
        self.turn = itertools.cycle(range(len(self.urls)))

    async def close(self) -> None:
        for client in self.clients:
            await client.aclose()

    async def once(self, operation: str, query: str, variables: dict, token: str | None):
        """One POST to the next replica: (answer record, body or None)."""
        client = self.clients[next(self.turn)]
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        started = time.monotonic()
        try:
            response = await client.post(
                "/graphql", json={"query": query, "variables": variables}, headers=headers
            )
            body = response.json() if response.status_code < 500 else None
            status = response.status_code
        except (httpx.TransportError, ValueError):
            body, status = None, 0
        code = None
        if body and body.get("errors"):
            code = body["errors"][0].get("extensions", {}).get("code")
        answer = Answer(operation, started, time.monotonic() - started, status, code)
        self.answers.append(answer)
        return answer, body

    async def call(self, operation: str, query: str, variables: dict, token: str | None) -> dict:
        """The operation's data, retried while the hub (or what it needs) is down. An answer
        that never came may have been applied: `Ambiguous` tells the caller to look first."""
        deadline, ambiguous = time.monotonic() + RETRY_FOR, False
        while True:
            answer, body = await self.once(operation, query, variables, token)
            if body is not None and not body.get("errors"):
                return body["data"]
            if body is not None and answer.code not in TRANSIENT:
                if ambiguous:
                    raise Ambiguous(operation, answer.code, body)
                raise Failed(operation, answer.code, body)
            # No answer, a 5xx or a store/database outage: the request may or may not have
            # been applied (a replica killed after its commit).
            ambiguous = ambiguous or body is None
            if time.monotonic() > deadline:
                raise Failed(operation, answer.code or f"HTTP {answer.status}", body)
            await asyncio.sleep(RETRY_PAUSE)

    async def put(self, operation: str, url: str, content: bytes, headers: dict) -> None:
        """A signed upload's PUT (to the S3 server), retried while the store is out."""
        deadline = time.monotonic() + RETRY_FOR
        async with httpx.AsyncClient(timeout=30) as client:
            while True:
                started = time.monotonic()
                try:
                    status = (await client.put(url, content=content, headers=headers)).status_code
                except httpx.TransportError:
                    status = 0
                self.answers.append(Answer(operation, started, time.monotonic() - started, status))
                if status in (200, 201):
                    return
                if time.monotonic() > deadline:
                    raise Failed(operation, f"HTTP {status}", None)
                await asyncio.sleep(RETRY_PAUSE)


class Ambiguous(Failed):
    """Refused on a retry after an answer was lost: perhaps the lost one was applied."""
