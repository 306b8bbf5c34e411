"""Hubs with single sign-on configured, the providers they sign in at, and the browser's side."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest

from hub.app import create_app
from hub.enums import Role
from hub.models import User
from hub.settings import get_settings
from hub.web.oidc import SIGNED_IN_PATH
from tests.oidc.fake_provider import CLIENT_ID, CLIENT_SECRET, FakeProvider
from tests.webhooks.receiver import serving

HERE = Path(__file__).parent
HUB = "http://hub.test"  # HUB_PUBLIC_URL of the suite (tests/conftest.py)
RETURN_URL = HUB + SIGNED_IN_PATH


@pytest.fixture
async def sso_hub(database, monkeypatch) -> AsyncIterator:
    """`await sso_hub(issuer, **settings)`: a browser (httpx with its cookies, following no
    redirect by itself) that reaches an in-process hub at http://hub.test, single sign-on
    configured for `issuer` (and any other HUB_* `settings`), and any real address beside it
    (the provider)."""
    clients: list[httpx.AsyncClient] = []

    async def build(issuer: str, **settings: str):
        settings = {"oidc_client_id": CLIENT_ID, "oidc_client_secret": CLIENT_SECRET, **settings}
        for name, value in {"oidc_issuer": issuer, **settings}.items():
            monkeypatch.setenv(f"HUB_{name.upper()}", value)
        get_settings.cache_clear()
        app = create_app(manage_database=False)
        client = httpx.AsyncClient(
            mounts={HUB: httpx.ASGITransport(app=app)}, base_url=HUB, timeout=15
        )
        clients.append(client)
        return client

    try:
        yield build
    finally:
        for client in clients:
            await client.aclose()
        monkeypatch.undo()
        get_settings.cache_clear()


def fragment_of(response: httpx.Response, return_url: str = RETURN_URL) -> dict[str, str]:
    """What the callback handed the browser: its redirect to the return URL's fragment."""
    assert response.status_code == 303, response.text
    location = response.headers["location"]
    assert location.startswith(return_url + "#"), location
    return dict(parse_qsl(urlsplit(location).fragment))


@pytest.fixture
def fake_provider() -> Iterator[FakeProvider]:
    with serving(FakeProvider()) as provider:
        yield provider


def _node_and_npm() -> tuple[str, str]:
    node, npm = shutil.which("node"), shutil.which("npm")
    if not (node and npm):
        reason = "node and npm are needed for the OpenID provider (oidc-provider)"
        if os.environ.get("CI") == "true" or os.environ.get("HUB_TEST_REQUIRE_SERVICES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return node, npm


def _install_provider(npm: str) -> None:
    if (HERE / "node_modules" / "oidc-provider").is_dir():
        return
    done = subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund"],
        cwd=HERE,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"npm ci failed:\n{done.stdout}\n{done.stderr}"


@pytest.fixture(scope="module")
async def real_provider() -> AsyncIterator[str]:
    """oidc-provider on a loopback port, its one client the hub's; yields its issuer."""
    node, npm = _node_and_npm()
    await asyncio.to_thread(_install_provider, npm)
    env = {
        **os.environ,
        "OIDC_CLIENT_ID": CLIENT_ID,
        "OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_REDIRECT_URI": HUB + "/auth/oidc/callback",
    }
    process = await asyncio.create_subprocess_exec(
        node,
        str(HERE / "provider.mjs"),
        cwd=HERE,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,  # its start-up warnings about development defaults
    )
    try:
        line = await asyncio.wait_for(process.stdout.readline(), timeout=30)
        assert line, "the OpenID provider exited before it listened"
        yield json.loads(line)["issuer"]
    finally:
        process.terminate()
        await process.wait()


async def account(username: str, *, disabled: bool = False) -> User:
    """A window clerk who signs in through the provider only (no password)."""
    return await User.create(
        username=username, display_name=f"{username} 测试", role=Role.WINDOW, disabled=disabled
    )
