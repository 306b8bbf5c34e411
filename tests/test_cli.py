"""The `hub` command line (API.md, "Command line")."""

from __future__ import annotations

import contextlib
import re
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
import time_machine
import uvicorn
from tortoise.backends.base.executor import EXECUTOR_CACHE
from typer.testing import CliRunner

from hub import cli
from hub.auth.tokens import read_token
from hub.enums import Role, Utility
from hub.errors import Unauthenticated
from hub.settings import get_settings
from tests.factories import (
    ENTERPRISE_A,
    WINDOW,
)
from tests.served import free_port

ROOT = Path(__file__).resolve().parent.parent
JWT = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")

runner = CliRunner()


def hub(*args: str):
    return runner.invoke(cli.app, list(args))


def printed_token(result) -> str:
    """The one line a successful `hub token` prints, checked to be a JWT and nothing else."""
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.endswith("\n") and result.stdout.count("\n") == 1, result.stdout
    token = result.stdout.strip()
    assert JWT.fullmatch(token), result.stdout
    return token


def test_applicant_token_is_bound_to_its_enterprise():
    result = hub("token", "--role", "applicant", "--org", ENTERPRISE_A)
    principal = read_token(printed_token(result))
    assert principal.role == Role.APPLICANT
    assert principal.org == ENTERPRISE_A
    assert principal.utility is None


def test_applicant_token_needs_an_enterprise():
    result = hub("token", "--role", "applicant")
    assert result.exit_code != 0
    assert result.stdout == "", "no token may be printed"
    assert "--org" in result.stderr


def test_utility_token_is_bound_to_its_utility():
    principal = read_token(printed_token(hub("token", "--role", "utility", "--utility", "GAS")))
    assert principal.role == Role.UTILITY
    assert principal.utility == Utility.GAS
    assert principal.org is None


@pytest.mark.parametrize(
    ("args", "missing"),
    [
        (["--role", "utility"], "--utility"),
        (["--role", "liaison"], "--unit"),
        (["--role", "system"], "role"),
    ],
)
def test_token_refuses_an_incomplete_or_internal_role(args, missing):
    result = hub("token", *args)
    assert result.exit_code != 0
    assert result.stdout == "", "no token may be printed"
    assert missing in result.stderr


def test_liaison_token_is_bound_to_its_unit():
    principal = read_token(printed_token(hub("token", "--role", "liaison", "--unit", "住建局")))
    assert (principal.role, principal.unit) == (Role.LIAISON, "住建局")


def test_token_names_who_it_is_for():
    token = printed_token(hub("token", "--role", "window", "--name", "窗口-李四"))
    principal = read_token(token)
    assert (principal.role, principal.name) == (Role.WINDOW, "窗口-李四")


def test_token_expires_after_its_ttl():
    with time_machine.travel(datetime.now(UTC), tick=False) as traveller:
        token = printed_token(hub("token", "--role", "window", "--ttl", "1"))
        assert read_token(token).role == Role.WINDOW
        traveller.shift(2)
        with pytest.raises(Unauthenticated) as caught:
            read_token(token)
    assert caught.value.extensions["code"] == "UNAUTHENTICATED"


def test_export_schema_prints_the_committed_schema():
    result = hub("export-schema")
    assert result.exit_code == 0, result.output
    assert result.stdout == (ROOT / "schema.graphql").read_text()


def test_migrate_can_run_again():
    for _ in range(2):
        result = hub("migrate")
        assert result.exit_code == 0, result.output
    EXECUTOR_CACHE.clear()


def test_seed_demo_loads_once():
    first = hub("seed-demo")
    second = hub("seed-demo")
    EXECUTOR_CACHE.clear()
    assert first.exit_code == 0, first.output
    assert "loaded" in first.stdout
    assert second.exit_code == 0, second.output
    assert "already" in second.stdout


@contextlib.contextmanager
def _serving(app, host: str, port: int):
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base_url = f"http://{host}:{port}"
    try:
        deadline = time.monotonic() + 10
        while not server.started:
            assert thread.is_alive(), "the server thread died during start-up"
            assert time.monotonic() < deadline, "the server did not start within 10 s"
            time.sleep(0.05)
        yield base_url
    finally:
        server.should_exit = True
        thread.join(10)
        EXECUTOR_CACHE.clear()


def test_serve_migrates_and_answers_database_queries(monkeypatch):
    """`hub serve`'s app under a real uvicorn: every request task, not only the lifespan task
    that initialised the ORM, must reach the database."""
    started = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: started.update(app=app, **options))
    port = free_port()
    result = hub("serve", "--port", str(port))
    assert result.exit_code == 0, result.output
    assert (started["host"], started["port"]) == ("127.0.0.1", port)

    with _serving(started["app"], "127.0.0.1", port) as base_url:
        assert httpx.get(f"{base_url}/healthz").status_code == 200
        ready = httpx.get(f"{base_url}/readyz")
        body = httpx.post(
            f"{base_url}/graphql",
            json={"query": "{ cases { totalCount } }"},
            headers={"Authorization": f"Bearer {WINDOW}"},
        ).json()
    assert ready.status_code == 200, ready.text
    assert "errors" not in body, body
    assert isinstance(body["data"]["cases"]["totalCount"], int)


@pytest.mark.parametrize("ttl", ["0", "-5"])
def test_token_refuses_a_lifetime_that_is_not_positive(ttl):
    result = runner.invoke(cli.app, ["token", "--role", "window", "--ttl", ttl])
    assert result.exit_code != 0
    assert result.stdout == ""


@pytest.fixture
def hub_env(monkeypatch):
    """`hub_env(HUB_X="...")`: the next commands see these settings; restored afterwards."""

    def set_env(**values: str) -> None:
        for name, value in values.items():
            monkeypatch.setenv(name, value)
        get_settings.cache_clear()

    yield set_env
    monkeypatch.undo()
    get_settings.cache_clear()


@pytest.mark.parametrize("command", [["token", "--role", "window"], ["worker"], ["serve"]])
def test_a_short_secret_key_stops_every_command_before_it_starts(hub_env, monkeypatch, command):
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: pytest.fail("serve started"))
    hub_env(HUB_SECRET_KEY="x" * 31, HUB_REDIS_URL="redis://127.0.0.1:1/0")
    result = hub(*command)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "HUB_SECRET_KEY" in result.stderr and "32" in result.stderr
    assert "x" * 31 not in result.stderr, "the key itself must not be printed"


def test_a_secret_key_of_32_bytes_is_enough(hub_env):
    hub_env(HUB_SECRET_KEY="k" * 32)
    assert read_token(printed_token(hub("token", "--role", "window"))).role == Role.WINDOW


def test_token_refuses_a_lifetime_over_the_maximum(hub_env):
    hub_env(HUB_SESSION_TTL_SECONDS="7200")
    assert read_token(printed_token(hub("token", "--role", "window", "--ttl", "7200")))
    result = hub("token", "--role", "window", "--ttl", "7201")
    assert result.exit_code == 2
    assert result.stdout == "", "no token may be printed"
    assert "HUB_SESSION_TTL_SECONDS" in result.stderr and "7200" in result.stderr


def test_the_default_maximum_lifetime_is_a_session_of_eight_hours():
    result = hub("token", "--role", "window", "--ttl", str(100 * 365 * 86400))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "28800" in result.stderr


@pytest.mark.parametrize(("name", "value"), [("HUB_LOG_FORMAT", "xml"), ("HUB_LOG_LEVEL", "loud")])
def test_a_log_setting_out_of_its_choices_stops_every_command(hub_env, name, value):
    hub_env(**{name: value})
    result = hub("token", "--role", "window")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert name in result.stderr


def test_log_settings_are_read_in_any_case(hub_env):
    hub_env(HUB_LOG_FORMAT="JSON", HUB_LOG_LEVEL="debug")
    settings = get_settings()
    assert (settings.log_format, settings.log_level) == ("json", "DEBUG")
