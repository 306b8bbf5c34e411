"""Receivers on the hub's own network are refused when they are registered, and every delivery
connects to the address it checked: a resolver that answers a public address once and
127.0.0.1 the next time (DNS rebinding) cannot make a delivery reach 127.0.0.1."""

from __future__ import annotations

from urllib.parse import urlsplit

import httpcore
import pytest

from hub.jobs import inprocess
from hub.settings import get_settings
from hub.webhooks import addresses
from hub.webhooks.delivery import close_clients
from tests.api import bad_input_paths
from tests.factories import ADMIN, accepted_case
from tests.webhooks.support import ENDPOINTS, REGISTER, UPDATE, attempts, deliveries

PUBLIC = "93.184.216.34"  # never reached: connections to it are refused below


@pytest.fixture
def private_refused(monkeypatch):
    monkeypatch.setattr(get_settings(), "webhook_allow_private", False)


@pytest.fixture
async def connections(monkeypatch):
    """The addresses deliveries open TCP connections to. Only loopback ones go through (the
    receiver): the tests reach no other machine. No connection of an earlier test is kept."""
    opened: list[str] = []
    connect = httpcore.AnyIOBackend.connect_tcp

    async def recording_connect(self, host, port, *args, **kwargs):
        opened.append(host)
        if host != "127.0.0.1":
            raise httpcore.ConnectError(f"test: {host} is not reachable from the tests")
        return await connect(self, host, port, *args, **kwargs)

    monkeypatch.setattr(httpcore.AnyIOBackend, "connect_tcp", recording_connect)
    await close_clients()
    yield opened
    await close_clients()


def resolving(monkeypatch, *answers: list[str]) -> list[str]:
    """The hub's resolver answers `answers` in turn for host names (the last one from then
    on); addresses stay themselves. Returns the names it was asked for."""
    asked: list[str] = []
    resolve_for_real = addresses.resolve

    async def resolve(host: str, port: int | None) -> list[str]:
        if host.replace(".", "").isdigit() or ":" in host:
            return await resolve_for_real(host, port)
        asked.append(host)
        return answers[min(len(asked), len(answers)) - 1]

    monkeypatch.setattr(addresses, "resolve", resolve)
    return asked


def named(receiver, name: str) -> str:
    """The receiver's URL under a host name instead of its address."""
    port = urlsplit(receiver.url(name)).port
    return f"http://hooks.portal.example:{port}/hooks/{name}"


async def test_a_rebinding_host_never_gets_a_delivery_to_loopback(
    api, receiver, private_refused, connections, monkeypatch
):
    asked = resolving(monkeypatch, [PUBLIC], ["127.0.0.1"], [PUBLIC], ["127.0.0.1"])
    registered = await api.ok(
        REGISTER,
        {"input": {"utility": "WATER", "url": named(receiver, "rebind"), "eventTypes": []}},
        ADMIN,
    )
    receiver.expect("rebind", registered["registerWebhook"]["secret"])
    endpoint = registered["registerWebhook"]["endpoint"]
    await accepted_case(api, ("WATER",))
    await inprocess.drain()

    assert receiver.statuses("rebind") == [], "a delivery reached the loopback receiver"
    assert "127.0.0.1" not in connections
    assert set(connections) == {PUBLIC}
    assert set(asked) == {"hooks.portal.example"}
    for delivery in await deliveries(api, endpoint["id"]):
        errors = [a["error"] for a in await attempts(api, delivery["id"])]
        # Each attempt resolved once and used that answer: public (connected there, which
        # failed here) or loopback (refused before connecting).
        assert all("ConnectError" in e or "non-public address (127.0.0.1)" in e for e in errors)
        assert any("non-public address (127.0.0.1)" in e for e in errors), errors


async def test_a_delivery_connects_to_the_resolved_address_under_the_host_name(
    api, receiver, connections, monkeypatch
):
    """Allowed private receivers (as the suite's setting says) go the same way: one resolution,
    a connection to its address, the URL's host name kept for the request."""
    asked = resolving(monkeypatch, ["127.0.0.1"])
    registered = await api.ok(
        REGISTER,
        {"input": {"utility": "WATER", "url": named(receiver, "named"), "eventTypes": []}},
        ADMIN,
    )
    receiver.expect("named", registered["registerWebhook"]["secret"])
    await accepted_case(api, ("WATER",))
    await inprocess.drain()

    assert receiver.statuses("named") and set(receiver.statuses("named")) == {200}
    assert set(connections) == {"127.0.0.1"}
    assert set(asked) == {"hooks.portal.example"}


@pytest.mark.parametrize(
    ("url", "answer"),
    [
        ("http://127.0.0.1:8080/hook", None),
        ("http://localhost/hook", None),
        ("http://169.254.169.254/latest/meta-data/", None),
        ("https://portal.example/hook", ["10.0.0.5"]),
        ("https://portal.example/hook", [PUBLIC, "127.0.0.1"]),  # one bad answer is enough
    ],
)
async def test_a_receiver_on_a_private_address_is_refused_at_registration(
    sqlite_api, private_refused, monkeypatch, url, answer
):
    if answer is not None:
        resolving(monkeypatch, answer)
    variables = {"input": {"utility": "WATER", "url": url, "eventTypes": []}}
    error = await sqlite_api.error(REGISTER, variables, ADMIN)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert bad_input_paths(error) == ["input.url"]
    assert "公网" in error["extensions"]["fields"][0]["message"]
    assert (await sqlite_api.ok(ENDPOINTS, {}, ADMIN))["webhookEndpoints"] == []


async def test_an_update_to_a_private_address_is_refused_and_changes_nothing(
    sqlite_api, private_refused, monkeypatch
):
    resolving(monkeypatch, [PUBLIC])
    public_url = "https://portal.example/hook"
    variables = {"input": {"utility": "WATER", "url": public_url, "eventTypes": []}}
    endpoint = (await sqlite_api.ok(REGISTER, variables, ADMIN))["registerWebhook"]["endpoint"]

    update = {"id": endpoint["id"], "input": {"url": "http://127.0.0.1:6379/"}}
    error = await sqlite_api.error(UPDATE, update, ADMIN)
    assert bad_input_paths(error) == ["input.url"]
    [stored] = (await sqlite_api.ok(ENDPOINTS, {}, ADMIN))["webhookEndpoints"]
    assert stored["url"] == public_url


async def test_an_unresolvable_host_is_refused_at_registration(
    sqlite_api, private_refused, monkeypatch
):
    async def no_such_host(host, port):
        raise OSError(-2, "Name or service not known")

    monkeypatch.setattr(addresses, "resolve", no_such_host)
    variables = {"input": {"utility": "WATER", "url": "https://nowhere.example/", "eventTypes": []}}
    error = await sqlite_api.error(REGISTER, variables, ADMIN)
    assert bad_input_paths(error) == ["input.url"]
    assert "cannot resolve" in error["extensions"]["fields"][0]["message"]
