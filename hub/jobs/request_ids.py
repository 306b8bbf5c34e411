"""A job queued while a request is handled logs with that request's id. On arq the id travels
as the job's `request_id` keyword and the worker binds it while the job runs; in-process jobs
are tasks started in the request's context and inherit it without it."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import TypeVar

import structlog

from hub.logs import current_request_id
from hub.logs.request_id import FIELD

KEYWORD = "request_id"
R = TypeVar("R")


def request_id_keywords() -> dict[str, str]:
    """What `enqueue_job` passes on: the current request's id, when there is one."""
    request_id = current_request_id()
    return {KEYWORD: request_id} if request_id else {}


def carrying_request_id(function: Callable[..., Awaitable[R]]) -> Callable[..., Awaitable[R]]:
    """`function`, accepting the `request_id` keyword and logging with it; arq still names the
    job after `function`."""

    @functools.wraps(function)
    async def run(ctx: dict, *args: object, request_id: str | None = None, **kwargs: object) -> R:
        if request_id is None:
            return await function(ctx, *args, **kwargs)
        with structlog.contextvars.bound_contextvars(**{FIELD: request_id}):
            return await function(ctx, *args, **kwargs)

    return run
