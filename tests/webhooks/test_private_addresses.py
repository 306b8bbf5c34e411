"""Receivers on the hub's own network (loopback, private, link-local: databases, metadata
services) are refused unless HUB_WEBHOOK_ALLOW_PRIVATE says otherwise."""

from __future__ import annotations

import pytest

from hub.settings import get_settings
from hub.webhooks.addresses import refuse_private_address


@pytest.fixture
def private_refused(monkeypatch):
    monkeypatch.setattr(get_settings(), "webhook_allow_private", False)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:6379/",
        "http://localhost/hook",
        "http://10.1.2.3/hook",
        "http://192.168.0.10:8080/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/hook",
    ],
)
async def test_non_public_receivers_are_refused(private_refused, url):
    refusal = await refuse_private_address(url)
    assert refusal and "non-public" in refusal


async def test_a_public_address_is_allowed(private_refused):
    assert await refuse_private_address("https://8.8.8.8/hook") is None


async def test_the_setting_allows_private_receivers():
    assert get_settings().webhook_allow_private is True  # as the suite sets it
    assert await refuse_private_address("http://127.0.0.1:9/") is None


@pytest.mark.parametrize(
    "address",
    ["64:ff9b::7f00:1", "2002:7f00:1::1", "::127.0.0.1", "::ffff:10.0.0.1"],
    ids=["nat64", "6to4", "ipv4-compatible", "ipv4-mapped"],
)
async def test_ipv6_addresses_that_carry_a_private_ipv4_address_are_refused(
    private_refused, address
):
    refusal = await refuse_private_address(f"http://[{address}]/hook")
    assert refusal and "non-public" in refusal
