"""A small circuit breaker for calls to an outside service, on one event loop.

CLOSED: calls go through; `failure_threshold` consecutive failures open it.
OPEN: calls fail fast (`CircuitOpen`) without touching the service, for `reset_timeout` seconds.
HALF_OPEN: after that, ONE call goes through as a probe (others still fail fast while it runs):
its success closes the breaker, its failure opens it again for another `reset_timeout`.

The clock is injectable (`monotonic`) so tests move time instead of sleeping. Written here
rather than taken from a library: of the maintained ones, `circuitbreaker` and `purgatory` read a
module-level clock (`time.monotonic` / `time.time`) and let every caller through once the timeout
has passed; `pybreaker` does asyncio only through Tornado and uses the wall clock; `aiobreaker`
is unmaintained and uses naive `datetime.now()`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum


class BreakerState(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half-open"


class CircuitOpen(Exception):
    """The breaker refused the call; `retry_after` seconds until it lets a probe through."""

    def __init__(self, name: str, retry_after: float) -> None:
        self.name = name
        self.retry_after = max(retry_after, 0.0)
        if retry_after > 0:
            detail = f"next probe in {self.retry_after:.1f} s"
        else:
            detail = "a probe call is already in flight"
        super().__init__(f"circuit open for {name}: {detail}")


class CircuitBreaker:
    def __init__(
        self,
        name: str,
        *,
        failure_threshold: int = 5,
        reset_timeout: float = 30.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        if failure_threshold < 1:
            raise ValueError("failure_threshold must be at least 1")
        if reset_timeout < 0:
            raise ValueError("reset_timeout must not be negative")
        self.name = name
        self.failure_threshold = failure_threshold
        self.reset_timeout = reset_timeout
        self._monotonic = monotonic
        self._state = BreakerState.CLOSED
        self._failures = 0
        self._opened_at = 0.0
        self._probing = False

    @property
    def state(self) -> BreakerState:
        """The state a call made now would meet (OPEN turns HALF_OPEN once the timeout is up)."""
        if self._state is BreakerState.OPEN and self._remaining() <= 0:
            return BreakerState.HALF_OPEN
        return self._state

    @property
    def consecutive_failures(self) -> int:
        return self._failures

    def before_call(self) -> None:
        """Let the call through, or raise CircuitOpen. A call let through must end in exactly
        one of `record_success`, `record_failure` or `release`."""
        state = self.state
        if state is BreakerState.CLOSED:
            return
        if state is BreakerState.OPEN:
            raise CircuitOpen(self.name, self._remaining())
        if self._probing:
            raise CircuitOpen(self.name, 0.0)
        self._state = BreakerState.HALF_OPEN
        self._probing = True

    def record_success(self) -> None:
        self._state = BreakerState.CLOSED
        self._failures = 0
        self._probing = False

    def record_failure(self) -> None:
        self._failures += 1
        self._probing = False
        if self._state is BreakerState.HALF_OPEN or self._failures >= self.failure_threshold:
            self._state = BreakerState.OPEN
            self._opened_at = self._monotonic()

    def release(self) -> None:
        """The call ended without telling anything about the service (e.g. it was cancelled):
        a probe slot is freed, the state is unchanged."""
        self._probing = False

    @contextmanager
    def guard(self, is_failure: Callable[[BaseException], bool]) -> Iterator[None]:
        """`with breaker.guard(pred): ...` — before_call, then success, failure (an exception
        for which `is_failure` is true) or release (cancellation, other BaseExceptions)."""
        self.before_call()
        try:
            yield
        except Exception as exc:
            if is_failure(exc):
                self.record_failure()
            else:
                self.record_success()
            raise
        except BaseException:
            self.release()
            raise
        else:
            self.record_success()

    def _remaining(self) -> float:
        return self._opened_at + self.reset_timeout - self._monotonic()
