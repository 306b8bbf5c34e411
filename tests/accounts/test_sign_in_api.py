"""Signing in and out over the API (API.md "Accounts and sign-in"), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import time_machine

from hub.models import AuditEntry, User, UserSession
from tests.api import bad_input_paths
from tests.factories import (
    ADMIN,
    PASSWORD,
    SIGN_IN,
    WINDOW,
    accepted_case,
    session_token,
    user_account,
)

ME = "{ me { username role utility unit uscc disabled lastSignInAt } }"
CASES = "{ cases(first: 5) { totalCount } }"
SIGN_OUT = "mutation { signOut }"
DISABLE = "mutation($id: ID!) { disableUser(userId: $id) { disabled } }"
CHANGE = """mutation($c: String!, $n: String!) {
  changePassword(currentPassword: $c, newPassword: $n) }"""
WRONG = "用户名或密码错误 (wrong username or password)"


async def test_a_user_signs_in_and_the_session_works_until_it_expires(api):
    await user_account(api, "zhang.window")
    before = datetime.now(UTC)
    session = (await api.ok(SIGN_IN, {"u": "zhang.window", "p": PASSWORD}))["signIn"]
    assert session["token"].startswith("hubs_")
    assert session["user"]["role"] == "WINDOW"
    expires = datetime.fromisoformat(session["expiresAt"])
    assert abs(expires - before - timedelta(hours=8)) <= timedelta(seconds=5)

    me = (await api.ok(ME, token=session["token"]))["me"]
    assert me["username"] == "zhang.window" and me["lastSignInAt"] is not None
    case = await accepted_case(api, ("POWER",))  # the window's case, visible to the session
    assert (await api.ok(CASES, token=session["token"]))["cases"]["totalCount"] == 1
    assert case["status"] == "IN_PROGRESS"

    # Only the hash is stored.
    row = await UserSession.get(user__username="zhang.window")
    assert session["token"] not in (row.secret_hash, row.address)
    assert (await User.get(username="zhang.window")).password_hash.startswith("$argon2id$")

    with time_machine.travel(expires + timedelta(seconds=1), tick=False):
        error = await api.error(CASES, token=session["token"])
    assert error["extensions"]["code"] == "UNAUTHENTICATED"


async def test_unknown_user_disabled_user_and_wrong_password_get_one_message(api):
    await user_account(api, "li.window")
    disabled = await user_account(api, "wang.window")
    await api.ok(DISABLE, {"id": disabled["id"]}, ADMIN)
    for username, password in [
        ("nobody", PASSWORD),
        ("li.window", PASSWORD + "x"),
        ("wang.window", PASSWORD),
        ("x" * 500, PASSWORD),
    ]:
        error = await api.error(SIGN_IN, {"u": username, "p": password})
        assert error["extensions"] == {"code": "UNAUTHENTICATED"}, username[:20]
        assert error["message"] == WRONG


async def test_five_failures_lock_the_username_for_fifteen_minutes_even_for_the_right_password(api):
    await user_account(api, "chen.window")
    for _ in range(5):
        error = await api.error(SIGN_IN, {"u": "chen.window", "p": "Wrong-Password-1"})
        assert error["extensions"]["code"] == "UNAUTHENTICATED"
    error = await api.error(SIGN_IN, {"u": "chen.window", "p": PASSWORD})
    assert error["extensions"]["code"] == "RATE_LIMITED"
    assert 14 * 60 < error["extensions"]["retryAfter"] <= 15 * 60
    # Another username is not locked; the lock went to the audit trail.
    await user_account(api, "zhou.window")
    assert await session_token(api, "zhou.window")
    lock = await AuditEntry.get(action="SIGN_IN_LOCKED")
    assert lock.subject == "chen.window" and lock.details == {"seconds": 900}
    with time_machine.travel(datetime.now(UTC) + timedelta(minutes=16), tick=False):
        assert await session_token(api, "chen.window")


async def test_sign_out_ends_the_session_at_once(api):
    await user_account(api, "he.window")
    token = await session_token(api, "he.window")
    assert (await api.ok(CASES, token=token))["cases"]["totalCount"] == 0  # cached from now on
    assert (await api.ok(SIGN_OUT, token=token)) == {"signOut": True}
    error = await api.error(CASES, token=token)
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    # A credential that is not a session has nothing to end.
    assert (await api.ok(SIGN_OUT, token=WINDOW)) == {"signOut": False}


async def test_a_disabled_users_live_session_is_refused_on_its_next_request(api):
    user = await user_account(api, "sun.window")
    token = await session_token(api, "sun.window")
    other = await session_token(api, "sun.window")
    assert (await api.ok(CASES, token=token))["cases"]["totalCount"] == 0
    assert (await api.ok(DISABLE, {"id": user["id"]}, ADMIN))["disableUser"]["disabled"] is True
    for session in (token, other):
        assert (await api.error(CASES, token=session))["extensions"]["code"] == "UNAUTHENTICATED"
    assert (await api.error(SIGN_IN, {"u": "sun.window", "p": PASSWORD}))["message"] == WRONG


async def test_changing_the_password_checks_it_and_ends_every_session(api):
    await user_account(api, "zhao.window")
    token = await session_token(api, "zhao.window")
    other = await session_token(api, "zhao.window")
    error = await api.error(CHANGE, {"c": "Not-The-Password-1", "n": "New-Password-2026"}, token)
    assert bad_input_paths(error) == ["currentPassword"]
    error = await api.error(CHANGE, {"c": PASSWORD, "n": "short"}, token)
    assert bad_input_paths(error) == ["newPassword"]
    error = await api.error(CHANGE, {"c": PASSWORD, "n": "alllowercaseletters1"}, token)
    assert bad_input_paths(error) == ["newPassword"]
    assert await session_token(api, "zhao.window")  # nothing changed so far

    assert (await api.ok(CHANGE, {"c": PASSWORD, "n": "New-Password-2026"}, token)) == {
        "changePassword": True
    }
    for session in (token, other):
        assert (await api.error(CASES, token=session))["extensions"]["code"] == "UNAUTHENTICATED"
    assert (await api.error(SIGN_IN, {"u": "zhao.window", "p": PASSWORD}))["message"] == WRONG
    assert await session_token(api, "zhao.window", "New-Password-2026")
    # A `hub token` has no password to change.
    error = await api.error(CHANGE, {"c": PASSWORD, "n": "New-Password-2027"}, WINDOW)
    assert error["extensions"]["code"] == "FORBIDDEN"


async def test_me_is_the_signed_in_user_and_null_otherwise(api):
    await user_account(api, "liu.power", "UTILITY", utility="POWER")
    token = await session_token(api, "liu.power")
    me = (await api.ok(ME, token=token))["me"]
    assert me == {
        "username": "liu.power",
        "role": "UTILITY",
        "utility": "POWER",
        "unit": None,
        "uscc": None,
        "disabled": False,
        "lastSignInAt": me["lastSignInAt"],
    }
    assert (await api.ok(ME))["me"] is None
    assert (await api.ok(ME, token=WINDOW))["me"] is None
    assert (await api.error(ME, token="hubs_forged"))["extensions"]["code"] == "UNAUTHENTICATED"
