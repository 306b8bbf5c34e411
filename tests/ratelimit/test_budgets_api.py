"""Issue 13, row 9: request budgets per token and per client address, and a stricter one for
bad tokens; past a budget HTTP 429, Retry-After and RATE_LIMITED. Budgets here live in the
app's memory (no HUB_REDIS_URL); test_shared_budgets.py covers Redis. The database plays no
part, so these run on SQLite only."""

from __future__ import annotations

import logging
import secrets
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from pydantic import ValidationError

from hub.settings import Settings
from tests.api import token_for
from tests.factories import APPLICANT, WINDOW
from tests.ratelimit.support import CASES, ask, assert_rate_limited, client_from, code_of

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
async def _database(sqlite_database):
    return sqlite_database


async def test_past_its_budget_a_token_is_refused_with_retry_after(hub_app):
    app = hub_app(rate_limit="5/minute")
    with time_machine.travel(START, tick=False) as traveller:
        async with client_from(app) as client:
            for _ in range(5):
                response = await ask(client, WINDOW)
                assert response.status_code == 200, response.text
                assert response.json() == {"data": {"__typename": "Query"}}
            assert_rate_limited(await ask(client, WINDOW), retry_after=60)
            traveller.shift(timedelta(seconds=45))
            assert_rate_limited(await ask(client, WINDOW), retry_after=15)
            traveller.shift(timedelta(seconds=16))  # a new window
            assert (await ask(client, WINDOW)).status_code == 200


async def test_a_refusal_is_logged_as_one_line_with_its_code(hub_app, caplog):
    app = hub_app(rate_limit="1/minute")
    caplog.set_level(logging.INFO, logger="hub")
    with time_machine.travel(START, tick=False):
        async with client_from(app) as client:
            assert (await ask(client, WINDOW)).status_code == 200
            assert_rate_limited(await ask(client, WINDOW), retry_after=60)
    [refusal] = [r for r in caplog.records if r.getMessage() == "request refused"]
    assert (refusal.levelno, refusal.code, refusal.retry_after) == (
        logging.INFO,
        "RATE_LIMITED",
        60,
    )
    assert refusal.exc_info is None


async def test_tokens_and_anonymous_addresses_have_budgets_of_their_own(hub_app):
    app = hub_app(rate_limit="3/minute")
    async with client_from(app, "198.51.100.1") as first, client_from(app, "198.51.100.2") as other:
        for _ in range(3):
            assert (await ask(first, WINDOW)).status_code == 200
        assert_rate_limited(await ask(first, WINDOW))
        # Another token from the same address, and the address without a token, still have room.
        for _ in range(3):
            assert (await ask(first, APPLICANT)).status_code == 200
            assert (await ask(first)).status_code == 200
        assert_rate_limited(await ask(first, APPLICANT))
        assert_rate_limited(await ask(first))
        # The spent token is refused from any address; another address has its own budget.
        assert_rate_limited(await ask(other, WINDOW))
        for _ in range(3):
            assert (await ask(other)).status_code == 200
        assert_rate_limited(await ask(other))


async def test_bad_tokens_spend_the_stricter_budget_of_their_address_first(hub_app):
    app = hub_app(rate_limit="100/minute", rate_limit_auth_failures="3/minute")
    with time_machine.travel(datetime.now(UTC) - timedelta(days=1)):  # its lifetime is over
        expired = token_for("window", name="expired")
    async with (
        client_from(app, "198.51.100.9") as guesser,
        client_from(app, "198.51.100.10") as other,
    ):
        # A fresh random token each time buys nothing: the budget is the address's.
        for token in (secrets.token_urlsafe(24), secrets.token_urlsafe(24)):
            assert code_of(await ask(guesser, token, CASES)) == "UNAUTHENTICATED"
        assert code_of(await ask(guesser, expired, CASES)) == "UNAUTHENTICATED"
        assert_rate_limited(await ask(guesser, secrets.token_urlsafe(24), CASES))
        bad_header = await guesser.post(
            "/graphql", json={"query": CASES}, headers={"Authorization": "Basic d2luZG93"}
        )
        assert_rate_limited(bad_header)
        # Its good token and its anonymous requests spend the larger budgets, still unspent.
        assert (await ask(guesser, WINDOW, CASES)).json()["data"]["cases"]["totalCount"] == 0
        assert (await ask(guesser)).status_code == 200
        # Another address may still fail to sign in.
        assert code_of(await ask(other, secrets.token_urlsafe(24), CASES)) == "UNAUTHENTICATED"


async def test_the_default_budget_stops_a_brute_force_of_bad_tokens(hub_app):
    """The row as reported: many bad-token requests in a row; with the shipped defaults only
    the first 30 a minute reach the API."""
    app = hub_app(rate_limit=None, rate_limit_auth_failures=None)
    codes = []
    with time_machine.travel(START, tick=False):
        async with client_from(app) as client:
            for _ in range(40):
                response = await ask(client, secrets.token_urlsafe(24), CASES)
                codes.append(code_of(response))
    assert codes == ["UNAUTHENTICATED"] * 30 + ["RATE_LIMITED"] * 10


async def test_get_uploads_downloads_and_verify_are_limited_health_checks_are_not(hub_app):
    app = hub_app(rate_limit="2/minute")
    async with client_from(app) as client:
        graphiql = await client.get("/graphql", headers={"Accept": "text/html"})
        assert graphiql.status_code == 200
        query = await client.get("/graphql", params={"query": "{ __typename }"})
        assert query.json() == {"data": {"__typename": "Query"}}
        assert_rate_limited(await client.get("/graphql", params={"query": "{ __typename }"}))
        assert_rate_limited(await client.post("/graphql", json={"query": "{ __typename }"}))
        assert_rate_limited(await client.put("/uploads/some-upload", content=b"%PDF"))
        assert_rate_limited(await client.get("/downloads", params={"key": "a"}))
        assert_rate_limited(await client.get("/verify/ABCD1234"))
        assert (await client.get("/healthz")).status_code == 200
        assert (await client.get("/readyz")).status_code == 200


async def test_with_protections_off_there_is_no_budget(hub_app):
    """HUB_PROTECTIONS_ENABLED=false (for benchmarks only) leaves the middleware out."""
    app = hub_app(rate_limit="1/minute", protections_enabled="false")
    assert app.state.rate_budgets is None
    async with client_from(app) as client:
        for _ in range(5):
            assert (await ask(client, WINDOW)).status_code == 200


@pytest.mark.parametrize("value", ["lots", "0/minute", "600/fortnight", ""])
def test_a_budget_that_is_not_a_rate_is_refused_at_start(value):
    with pytest.raises(ValidationError, match="expected a rate such as 600/minute"):
        Settings(rate_limit=value)
    with pytest.raises(ValidationError, match="expected a rate such as 600/minute"):
        Settings(rate_limit_auth_failures=value)
