"""The request id: taken from the client's `X-Request-ID` when it is short and harmless, made
otherwise; bound to the request's context so that every log line written while it is handled
(resolvers, in-process jobs it starts, a WebSocket's operations) carries it."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import structlog

from hub.logs.scrub import scrub

HEADER = "X-Request-ID"
FIELD = "request_id"
MAX_LENGTH = 64
# A UUID, a trace id, "web-1:42": letters, digits and . _ : - only, so it cannot forge a log
# line or a header.
_SAFE = re.compile(rf"[A-Za-z0-9._:-]{{1,{MAX_LENGTH}}}")


def accepted_or_new(incoming: str | None) -> str:
    """`incoming` when it is a safe id (and nothing the log scrubber would hide, such as a
    phone number), else a new random one."""
    if incoming and _SAFE.fullmatch(incoming) and scrub(incoming) == incoming:
        return incoming
    return uuid.uuid4().hex


def current_request_id() -> str | None:
    return structlog.contextvars.get_contextvars().get(FIELD)


@contextmanager
def request_id_bound(request_id: str) -> Iterator[None]:
    """Every log line written in this context (and tasks started from it) carries the id.
    Left bound when the body raises, so that the server's report of the error (in the request's
    own task) carries it too."""
    tokens = structlog.contextvars.bind_contextvars(**{FIELD: request_id})
    yield
    structlog.contextvars.reset_contextvars(**tokens)
