"""No timing oracle: an unknown username costs what a wrong password costs (a dummy hash is
checked). Samples alternate between the two so that the machine's load touches both alike."""

from __future__ import annotations

import statistics
import time

import pytest

from hub.enums import Role
from hub.errors import Unauthenticated
from hub.signin import flow
from hub.signin.administration import NewUser, add_user
from hub.signin.lockout import Lockout
from tests.factories import PASSWORD

SAMPLES = 25


async def attempt(username: str) -> float:
    started = time.perf_counter()
    with pytest.raises(Unauthenticated) as refused:
        # A fresh lockout each time: the measure is of the refusal, not of the lock.
        await flow.sign_in(
            username, "Wrong-Password-1", address=None, lockout=Lockout(redis_url=None)
        )
    assert refused.value.message == flow.WRONG_CREDENTIALS
    return time.perf_counter() - started


async def test_unknown_user_and_wrong_password_medians_differ_by_under_a_fifth(database):
    await add_user(NewUser("sun.window", "孙", Role.WINDOW, PASSWORD))
    await attempt("sun.window")  # warm: connections, caches
    await attempt("nobody")
    times: dict[str, list[float]] = {"unknown": [], "wrong": []}
    for i in range(SAMPLES):
        pair = [("unknown", "nobody"), ("wrong", "sun.window")]
        for kind, username in pair if i % 2 else reversed(pair):
            times[kind].append(await attempt(username))
    unknown, wrong = statistics.median(times["unknown"]), statistics.median(times["wrong"])
    assert abs(unknown - wrong) / max(unknown, wrong) < 0.2, (unknown, wrong)
