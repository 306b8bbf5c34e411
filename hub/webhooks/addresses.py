"""Where a webhook receiver may be reached: its host resolved once, and every address that
answers checked to be public (not the hub's own network: databases, metadata services), unless
HUB_WEBHOOK_ALLOW_PRIVATE=true (receivers on the same network, tests)."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from hub.settings import get_settings


class AddressRefused(Exception):
    """The receiver's host cannot be resolved, or resolves to a non-public address."""


async def resolve(host: str, port: int | None) -> list[str]:
    """The addresses `host` resolves to, in the resolver's order, each once."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


NAT64 = ipaddress.ip_network("64:ff9b::/96")
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address):
        # IPv6 forms that carry an IPv4 address reach that address on some networks.
        wrapped = ip.ipv4_mapped or ip.sixtofour
        if wrapped is None and (ip in NAT64 or ip in IPV4_COMPATIBLE):
            wrapped = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if wrapped is not None and not wrapped.is_global:
            return False
    return ip.is_global


async def checked_addresses(host: str, port: int | None = None) -> list[str]:
    """The addresses to connect to for `host`: resolved once here, so what is checked is what
    is used. Refused if any of them is not public (a resolver may answer several)."""
    try:
        addresses = await resolve(host, port)
    except OSError as exc:
        raise AddressRefused(f"cannot resolve {host}: {exc}"[:200]) from exc
    if not addresses:
        raise AddressRefused(f"cannot resolve {host}")
    if not get_settings().webhook_allow_private:
        for address in addresses:
            if not _is_public(address):
                raise AddressRefused(f"refused: {host} is a non-public address ({address})")
    return addresses


async def refuse_private_address(url: str) -> str | None:
    """Why `url` may not be called (None: it may); registration asks before storing a URL."""
    if get_settings().webhook_allow_private:
        return None
    parts = urlsplit(url)
    try:
        await checked_addresses(parts.hostname or "", parts.port)
    except AddressRefused as refused:
        return str(refused)
    return None
