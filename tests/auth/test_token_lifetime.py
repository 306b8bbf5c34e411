"""No token lives longer than HUB_SESSION_TTL_SECONDS, even one signed with the right key."""

from __future__ import annotations

from datetime import timedelta

import jwt
import pytest

from hub import clock
from hub.auth.tokens import ALGORITHM, ISSUER, read_token
from hub.errors import Unauthenticated
from hub.settings import get_settings
from tests.api import Api

CASES = "{ cases { totalCount } }"


def forged(lifetime: timedelta) -> str:
    """A window token signed with the hub's own key, valid for `lifetime` from now."""
    issued = clock.now()
    claims = {
        "iss": ISSUER,
        "sub": "forger",
        "role": "window",
        "iat": issued,
        "exp": issued + lifetime,
    }
    return jwt.encode(claims, get_settings().effective_secret_key, algorithm=ALGORITHM)


def test_a_token_valid_for_a_hundred_years_is_refused():
    with pytest.raises(Unauthenticated) as caught:
        read_token(forged(timedelta(days=100 * 365)))
    assert caught.value.extensions["code"] == "UNAUTHENTICATED"
    assert "过长" in caught.value.message


def test_a_token_valid_for_exactly_the_maximum_is_accepted():
    maximum = timedelta(seconds=get_settings().session_ttl_seconds)
    assert read_token(forged(maximum)).name == "forger"
    with pytest.raises(Unauthenticated):
        read_token(forged(maximum + timedelta(seconds=1)))


async def test_the_api_answers_a_long_lived_token_with_unauthenticated(sqlite_api: Api):
    error = await sqlite_api.error(CASES, token=forged(timedelta(days=100 * 365)))
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert (await sqlite_api.ok(CASES, token=forged(timedelta(hours=1))))["cases"]
