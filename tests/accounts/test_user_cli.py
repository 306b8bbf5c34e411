"""`hub user add | disable | set-password`: the password from standard input, never an
argument; bad input refused with exit 2 and nothing changed; each change audited."""

from __future__ import annotations

import asyncio

from tortoise.backends.base.executor import EXECUTOR_CACHE
from typer.testing import CliRunner

from hub import cli, db
from hub.errors import HubError
from hub.models import AuditEntry, User
from hub.signin import flow
from hub.signin.lockout import Lockout
from tests.factories import ENTERPRISE_A, PASSWORD

runner = CliRunner()
NEW_PASSWORD = "Another-Pass-2026"


def hub(*args: str, password: str | None = None):
    return runner.invoke(cli.app, list(args), input=None if password is None else password + "\n")


def in_database(work):
    async def run():
        await db.init()
        try:
            return await work()
        finally:
            await db.close()
            EXECUTOR_CACHE.clear()

    return asyncio.run(run())


def signs_in(username: str, password: str) -> bool:
    async def attempt():
        try:
            await flow.sign_in(username, password, address=None, lockout=Lockout(redis_url=None))
        except HubError:
            return False
        return True

    return in_database(attempt)


def test_user_add_disable_and_set_password():
    add = ("user", "add", "--username", "ma.applicant", "--role", "applicant")
    named = ("--display-name", "马", "--uscc", ENTERPRISE_A)
    weak = hub(*add, *named, password="short")
    assert weak.exit_code == 2 and "password:" in weak.stderr
    unbound = hub(*add, "--display-name", "马", password=PASSWORD)
    assert unbound.exit_code == 2 and "uscc:" in unbound.stderr

    added = hub(*add, *named, password=PASSWORD)
    assert added.exit_code == 0, added.output
    assert PASSWORD not in added.output
    assert hub(*add, *named, password=PASSWORD).exit_code == 2  # taken
    assert signs_in("ma.applicant", PASSWORD)

    assert hub("user", "set-password", "ma.applicant", password="weak").exit_code == 2
    changed = hub("user", "set-password", "ma.applicant", password=NEW_PASSWORD)
    assert changed.exit_code == 0, changed.output
    assert not signs_in("ma.applicant", PASSWORD)
    assert signs_in("ma.applicant", NEW_PASSWORD)

    assert hub("user", "disable", "nobody").exit_code == 2
    assert hub("user", "disable", "ma.applicant").exit_code == 0
    assert not signs_in("ma.applicant", NEW_PASSWORD)

    async def trail():
        user = await User.get(username="ma.applicant")
        rows = await AuditEntry.filter(subject="ma.applicant").order_by("id")
        return user, [(row.actor, row.action) for row in rows]

    user, actions = in_database(trail)
    assert user.disabled and user.uscc == ENTERPRISE_A
    assert actions == [
        ("cli", "USER_ADDED"),
        ("cli", "USER_PASSWORD_SET"),
        ("cli", "USER_DISABLED"),
    ]
