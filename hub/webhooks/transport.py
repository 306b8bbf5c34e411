"""An httpx transport that connects to the address hub/webhooks/addresses.py checked, never to
one a second resolution answers (DNS rebinding: public when checked, 127.0.0.1 when used).

The request keeps the receiver's host name: the Host header, TLS SNI and certificate checks
are for the name, only the TCP connection goes to the checked address. httpx 0.28 has no
option for a network backend (encode/httpx discussion 3180), so the transport builds its own
httpcore pool with one.
"""

from __future__ import annotations

from collections.abc import Iterable

import httpcore
import httpx

from hub.webhooks.addresses import checked_addresses


class CheckedAddressBackend(httpcore.AsyncNetworkBackend):
    def __init__(self) -> None:
        self._backend = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        local_address: str | None = None,
        socket_options: Iterable | None = None,
    ) -> httpcore.AsyncNetworkStream:
        failure: Exception | None = None
        for address in await checked_addresses(host, port):
            try:
                return await self._backend.connect_tcp(
                    address,
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc  # the next address the resolver gave, as a browser would
        assert failure is not None
        raise failure

    async def connect_unix_socket(self, path, timeout=None, socket_options=None):  # noqa: ASYNC109
        raise httpcore.ConnectError("webhooks use TCP only")

    async def sleep(self, seconds: float) -> None:
        await self._backend.sleep(seconds)


class CheckedAddressTransport(httpx.AsyncHTTPTransport):
    def __init__(self) -> None:
        super().__init__(trust_env=False)
        limits = httpx.Limits(max_connections=100, max_keepalive_connections=20)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=CheckedAddressBackend(),
        )
