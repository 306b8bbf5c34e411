"""Admins manage users and API keys; a key acts as its utility's staff and is refused at once
after revocation (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from hub.models import ApiKey
from tests.api import bad_input_paths
from tests.factories import (
    ADMIN,
    APPLICANT,
    ENTERPRISE_A,
    PASSWORD,
    UTILITY,
    WINDOW,
    accepted_case_and_tickets,
    api_key,
    session_token,
    user_account,
)

USERS = """query($first: Int, $after: String) { users(first: $first, after: $after) {
  totalCount edges { node { username role uscc unit utility disabled } }
  pageInfo { hasNextPage endCursor } } }"""
API_KEYS = "{ apiKeys { id name utility prefix createdAt lastUsedAt revokedAt } }"
REVOKE = "mutation($id: ID!) { revokeApiKey(keyId: $id) { id revokedAt } }"
TICKETS = "{ tickets(first: 10) { totalCount edges { node { utility } } } }"
CREATE_USER = "mutation($input: UserInput!) { createUser(input: $input) { id } }"


def new_user(**fields) -> dict:
    user = {"username": "wu.admin", "displayName": "吴", "role": "ADMIN", "password": PASSWORD}
    return {"input": {**user, **fields}}


@pytest.mark.parametrize(
    ("fields", "paths"),
    [
        ({"username": "ab"}, ["input.username"]),
        ({"username": "has space"}, ["input.username"]),
        ({"displayName": "  "}, ["input.displayName"]),
        ({"password": "Short-1"}, ["input.password"]),
        ({"password": "lower-case-and-symbols"}, ["input.password"]),  # two classes of four
        ({"role": "UTILITY"}, ["input.utility"]),
        ({"role": "APPLICANT", "uscc": "91440200MA4W123459"}, ["input.uscc"]),
        ({"role": "LIAISON"}, ["input.unit"]),
        ({"role": "WINDOW", "utility": "GAS"}, ["input.utility"]),
    ],
)
async def test_create_user_refuses_bad_input_by_field(sqlite_api, fields, paths):
    error = await sqlite_api.error(CREATE_USER, new_user(**fields), ADMIN)
    assert bad_input_paths(error) == paths
    assert (await sqlite_api.ok(USERS, {}, ADMIN))["users"]["totalCount"] == 0


async def test_users_are_admin_only_paged_by_username_and_unique(api):
    await user_account(api, "b.applicant", "APPLICANT", uscc=ENTERPRISE_A)
    await user_account(api, "c.liaison", "LIAISON", unit="SERVICE_CENTRE")
    await user_account(api, "a.gas", "UTILITY", utility="GAS")
    error = await api.error(CREATE_USER, new_user(username="a.gas"), ADMIN)
    assert error["extensions"]["code"] == "CONFLICT"
    for token in (WINDOW, APPLICANT, UTILITY["GAS"]):
        assert (await api.error(USERS, {}, token))["extensions"]["code"] == "FORBIDDEN"
        assert (await api.error(API_KEYS, {}, token))["extensions"]["code"] == "FORBIDDEN"
        error = await api.error(CREATE_USER, new_user(), token)
        assert error["extensions"]["code"] == "FORBIDDEN"
    nodes = await api.every_page(USERS, {"first": 2}, ADMIN)
    assert [(n["username"], n["role"]) for n in nodes] == [
        ("a.gas", "UTILITY"),
        ("b.applicant", "APPLICANT"),
        ("c.liaison", "LIAISON"),
    ]
    assert nodes[1]["uscc"] == ENTERPRISE_A and nodes[2]["unit"] == "SERVICE_CENTRE"
    # An applicant account sees its enterprise's cases, as an applicant token does.
    assert await session_token(api, "b.applicant")


async def test_an_api_key_acts_as_its_utility_and_is_refused_at_once_when_revoked(api):
    await accepted_case_and_tickets(api, ("POWER", "GAS"))
    await accepted_case_and_tickets(api, ("WATER",))
    created = await api_key(api, "POWER")
    secret, key = created["secret"], created["key"]
    assert secret.startswith("hubk_") and secret.startswith(key["prefix"])
    assert len(key["prefix"]) == 12

    as_key = (await api.ok(TICKETS, {}, secret))["tickets"]
    as_staff = (await api.ok(TICKETS, {}, UTILITY["POWER"]))["tickets"]
    assert as_key == as_staff and as_key["totalCount"] == 2  # the case of POWER and GAS
    row = await ApiKey.get(id=key["id"])
    assert row.secret_hash != secret and secret not in (row.prefix, row.name)

    [listed] = (await api.ok(API_KEYS, {}, ADMIN))["apiKeys"]
    assert listed["lastUsedAt"] is not None and listed["revokedAt"] is None
    assert "secret" not in listed

    revoked = (await api.ok(REVOKE, {"id": key["id"]}, ADMIN))["revokeApiKey"]
    assert revoked["revokedAt"] is not None
    error = await api.error(TICKETS, {}, secret)
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    again = (await api.ok(REVOKE, {"id": key["id"]}, ADMIN))["revokeApiKey"]
    assert again["revokedAt"] == revoked["revokedAt"]
    error = await api.error(REVOKE, {"id": "00000000-0000-0000-0000-000000000000"}, ADMIN)
    assert error["extensions"]["code"] == "NOT_FOUND"


async def test_an_api_keys_last_use_is_written_at_most_once_a_minute(sqlite_api):
    secret = (await api_key(sqlite_api, "WATER"))["secret"]
    await sqlite_api.ok(TICKETS, {}, secret)
    first = (await ApiKey.get(prefix=secret[:12])).last_used_at
    for _ in range(3):
        await sqlite_api.ok(TICKETS, {}, secret)
    assert (await ApiKey.get(prefix=secret[:12])).last_used_at == first


async def test_an_api_key_name_is_checked(sqlite_api):
    create = "mutation($n: String!) { createApiKey(utility: GAS, name: $n) { secret } }"
    for name in ("", "   ", "x" * 101):
        error = await sqlite_api.error(create, {"n": name}, ADMIN)
        assert bad_input_paths(error) == ["name"]
    error = await sqlite_api.error(create, {"n": "ok"}, WINDOW)
    assert error["extensions"]["code"] == "FORBIDDEN"
