"""The circuit breaker on its own, with a fake clock."""

from __future__ import annotations

import asyncio

import pytest

from hub.connectors.breaker import BreakerState, CircuitBreaker, CircuitOpen


class Clock:
    def __init__(self) -> None:
        self.now = 50.0

    def __call__(self) -> float:
        return self.now


def breaker(clock: Clock, threshold: int = 3) -> CircuitBreaker:
    return CircuitBreaker("svc", failure_threshold=threshold, reset_timeout=10, monotonic=clock)


def fail(b: CircuitBreaker, times: int = 1) -> None:
    for _ in range(times):
        b.before_call()
        b.record_failure()


def test_opens_after_the_threshold_of_consecutive_failures() -> None:
    clock = Clock()
    b = breaker(clock)
    fail(b, 2)
    b.before_call()
    b.record_success()  # a success resets the count
    fail(b, 2)
    assert b.state is BreakerState.CLOSED and b.consecutive_failures == 2
    fail(b)
    assert b.state is BreakerState.OPEN
    with pytest.raises(CircuitOpen, match=r"circuit open for svc: next probe in 10\.0 s") as caught:
        b.before_call()
    assert caught.value.retry_after == 10


def test_half_open_lets_one_probe_through_and_its_outcome_decides() -> None:
    clock = Clock()
    b = breaker(clock)
    fail(b, 3)
    clock.now += 9.9
    assert b.state is BreakerState.OPEN
    clock.now += 0.1
    assert b.state is BreakerState.HALF_OPEN
    b.before_call()  # the probe
    with pytest.raises(CircuitOpen, match="a probe call is already in flight"):
        b.before_call()
    b.record_failure()  # one failed probe re-opens, whatever the threshold
    assert b.state is BreakerState.OPEN
    with pytest.raises(CircuitOpen, match=r"next probe in 10\.0 s"):
        b.before_call()
    clock.now += 10
    b.before_call()
    b.record_success()
    assert b.state is BreakerState.CLOSED and b.consecutive_failures == 0
    b.before_call()  # and everyone goes through again
    b.before_call()


def test_a_released_probe_frees_the_slot_and_keeps_the_state() -> None:
    clock = Clock()
    b = breaker(clock, threshold=1)
    fail(b)
    clock.now += 10
    b.before_call()
    b.release()
    assert b.state is BreakerState.HALF_OPEN
    b.before_call()  # another probe may go


def test_guard_sorts_outcomes() -> None:
    clock = Clock()
    b = breaker(clock, threshold=2)

    def is_failure(exc: BaseException) -> bool:
        return not isinstance(exc, KeyError)

    for _ in range(3):  # an exception the predicate forgives counts as a success
        with pytest.raises(KeyError), b.guard(is_failure):
            raise KeyError("not found")
    assert b.consecutive_failures == 0
    for _ in range(2):
        with pytest.raises(OSError), b.guard(is_failure):
            raise OSError("down")
    assert b.state is BreakerState.OPEN
    with pytest.raises(CircuitOpen), b.guard(is_failure):
        pytest.fail("the body must not run while open")


async def test_a_cancelled_probe_does_not_decide() -> None:
    clock = Clock()
    b = breaker(clock, threshold=1)
    fail(b)
    clock.now += 10

    async def probe() -> None:
        with b.guard(lambda exc: True):
            await asyncio.sleep(10)

    task = asyncio.create_task(probe())
    await asyncio.sleep(0)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert b.state is BreakerState.HALF_OPEN
    b.before_call()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"failure_threshold": 0}, "at least 1"), ({"reset_timeout": -1}, "not be negative")],
)
def test_bad_arguments(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        CircuitBreaker("svc", **kwargs)
