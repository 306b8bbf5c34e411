"""An admin resets a user's forgotten password: the old one stops working, every session of
the user ends at once, weak passwords and other roles are refused and change nothing."""

from __future__ import annotations

from tests.api import bad_input_paths
from tests.factories import ADMIN, PASSWORD, UTILITY, WINDOW, session_token, user_account

RESET = """mutation($id: ID!, $password: String!) {
  resetUserPassword(userId: $id, newPassword: $password) { id username disabled } }"""
ME = "{ me { username } }"
SIGN_IN = "mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }"
NEW_PASSWORD = "Another-Password-2027"


async def test_an_admin_reset_ends_the_sessions_and_replaces_the_password(api):
    user = await user_account(api, "li.window", "WINDOW")
    old_session = await session_token(api, "li.window")
    assert (await api.ok(ME, {}, old_session))["me"]["username"] == "li.window"

    data = await api.ok(RESET, {"id": user["id"], "password": NEW_PASSWORD}, ADMIN)

    assert data["resetUserPassword"]["username"] == "li.window"
    error = await api.error(ME, {}, old_session)
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    error = await api.error(SIGN_IN, {"u": "li.window", "p": PASSWORD})
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert await session_token(api, "li.window", NEW_PASSWORD)


async def test_a_reset_is_refused_to_others_and_for_weak_passwords_changing_nothing(api):
    user = await user_account(api, "zhao.gas", "UTILITY", utility="GAS")
    session = await session_token(api, "zhao.gas")
    for token in (WINDOW, UTILITY["GAS"], session):
        error = await api.error(RESET, {"id": user["id"], "password": NEW_PASSWORD}, token)
        assert error["extensions"]["code"] == "FORBIDDEN"
    error = await api.error(RESET, {"id": user["id"], "password": "short"}, ADMIN)
    assert bad_input_paths(error) == ["newPassword"]
    unknown = "00000000-0000-0000-0000-000000000000"
    error = await api.error(RESET, {"id": unknown, "password": NEW_PASSWORD}, ADMIN)
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert (await api.ok(ME, {}, session))["me"]["username"] == "zhao.gas"
    assert await session_token(api, "zhao.gas", PASSWORD)
