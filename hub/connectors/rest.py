"""One outside REST service's calls: `GET {base_url}{path}` for JSON, with the request id and
API key headers, timeouts, retries of transient failures (tenacity: exponential backoff with
jitter) and a circuit breaker around each call. The licence and approval providers build on it.

Transient: connect errors, timeouts, a dropped connection, HTTP 500/502/503/504. 404 is the
caller's `not_found` error; any other 4xx is RequestRejected (the service is up: not retried, not
held against the breaker); a malformed answer or the retries running out is
LicenceServiceUnavailable with a message saying which.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential_jitter,
)

from hub.connectors.base import LicenceNotFound, LicenceServiceUnavailable
from hub.connectors.breaker import CircuitBreaker, CircuitOpen

log = logging.getLogger(__name__)

T = TypeVar("T")
TRANSIENT_STATUSES = frozenset({500, 502, 503, 504})


class RequestRejected(LicenceServiceUnavailable):
    """The service answered with a 4xx other than 404 (bad key, bad request): it is up, so this
    does not count against the circuit breaker, and is not retried."""


class _Transient(Exception):
    """One attempt failed in a way worth retrying."""


class RestService:
    def __init__(
        self,
        what: str,
        *,
        base_url: str,
        api_key: str | None,
        api_key_header: str,
        timeout: float,
        retries: int,
        backoff_initial: float,
        backoff_max: float,
        failure_threshold: int,
        reset_timeout: float,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        self.what = what  # "licence service": how messages name it
        self.base_url = base_url
        self.api_key = api_key
        self.api_key_header = api_key_header
        self.timeout = timeout
        self.retries = retries
        self.backoff_initial = backoff_initial
        self.backoff_max = backoff_max
        self.breaker = CircuitBreaker(
            f"{what} {base_url}",
            failure_threshold=failure_threshold,
            reset_timeout=reset_timeout,
            monotonic=monotonic,
        )
        self._sleep = sleep
        self._client: httpx.AsyncClient | None = None

    @classmethod
    def from_config(
        cls,
        label: str,
        config: Any,
        *,
        monotonic: Callable[[], float],
        sleep: Callable[[float], Awaitable[Any]],
    ) -> RestService:
        """From a provider's config (base_url, api_key, api_key_header, timeout, retries,
        backoff_initial, backoff_max, failure_threshold, reset_timeout)."""
        return cls(
            label,
            base_url=config.base_url,
            api_key=config.api_key,
            api_key_header=config.api_key_header,
            timeout=config.timeout,
            retries=config.retries,
            backoff_initial=config.backoff_initial,
            backoff_max=config.backoff_max,
            failure_threshold=config.failure_threshold,
            reset_timeout=config.reset_timeout,
            monotonic=monotonic,
            sleep=sleep,
        )

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def guarded(self, call: Callable[[], Awaitable[T]], request_id: str) -> T:
        """`call` (its retries and the reading of its answer included) inside the breaker."""
        try:
            with self.breaker.guard(_counts_against_service):
                return await call()
        except CircuitOpen as exc:
            raise LicenceServiceUnavailable(
                f"{exc} (after {self.breaker.failure_threshold} consecutive failed calls); "
                f"failing fast without calling it [request {request_id}]"
            ) from exc

    def malformed(self, why: str, request_id: str) -> LicenceServiceUnavailable:
        return LicenceServiceUnavailable(
            f"malformed response from {self.what}: {why} [request {request_id}]"
        )

    async def get_json(self, path: str, *, request_id: str, not_found: str) -> Any:
        """The JSON answer to `GET {base_url}{path}`; LicenceNotFound(`not_found`) on 404."""
        url = self.base_url.rstrip("/") + path
        headers = {"X-Request-ID": request_id, "Accept": "application/json"}
        if self.api_key:
            headers[self.api_key_header] = self.api_key
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.retries + 1),
            wait=wait_exponential_jitter(
                initial=self.backoff_initial, max=self.backoff_max, jitter=self.backoff_initial
            ),
            retry=retry_if_exception_type(_Transient),
            sleep=self._sleep,
            before_sleep=lambda state: self._log_retry(state, request_id),
            reraise=True,
        )
        try:
            response = await retrying(self._attempt, url, headers)
        except _Transient as exc:
            attempts = self.retries + 1
            raise LicenceServiceUnavailable(
                f"{self.what} {self.base_url} unavailable after {attempts} "
                f"attempt{'s' if attempts > 1 else ''} (last: {exc}) [request {request_id}]"
            ) from exc
        return self._payload(response, request_id, not_found)

    async def _attempt(self, url: str, headers: dict[str, str]) -> httpx.Response:
        try:
            response = await self._http().get(url, headers=headers)
        except httpx.TimeoutException as exc:
            raise _Transient(f"no answer within {self.timeout:g} s ({type(exc).__name__})") from exc
        except (httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            raise _Transient(f"connection failed: {type(exc).__name__}: {exc}") from exc
        except httpx.HTTPError as exc:  # bad URL, unsupported protocol...: retrying won't help
            raise LicenceServiceUnavailable(
                f"{self.what} call to {url} failed: {type(exc).__name__}: {exc}"
            ) from exc
        if response.status_code in TRANSIENT_STATUSES:
            raise _Transient(f"HTTP {response.status_code}")
        return response

    def _http(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(
                timeout=httpx.Timeout(self.timeout), follow_redirects=False
            )
        return self._client

    def _payload(self, response: httpx.Response, rid: str, not_found: str) -> Any:
        code = response.status_code
        if code == 404:
            raise LicenceNotFound(not_found)
        if 400 <= code < 500:
            raise RequestRejected(
                f"{self.what} refused the request: HTTP {code} "
                f"{response.reason_phrase}: {response.text[:200]!r}"
                f"{' (check the API key)' if code in (401, 403) else ''} [request {rid}]"
            )
        if code != 200:
            raise LicenceServiceUnavailable(
                f"{self.what} answered HTTP {code} {response.reason_phrase} [request {rid}]"
            )
        try:
            return response.json()
        except ValueError as exc:
            raise self.malformed(
                f"not JSON ({exc}); body starts {response.text[:80]!r}", rid
            ) from exc

    def _log_retry(self, state: RetryCallState, request_id: str) -> None:
        error = state.outcome.exception() if state.outcome else None
        wait = state.next_action.sleep if state.next_action else 0.0
        log.warning(
            "%s attempt %d failed (%s); retrying in %.2f s [request %s]",
            self.what,
            state.attempt_number,
            error,
            wait,
            request_id,
        )


def _counts_against_service(exc: BaseException) -> bool:
    """For the breaker: the service answered (a record, 404, or a deliberate 4xx) or not."""
    return not isinstance(exc, LicenceNotFound | RequestRejected)


def dig(payload: Any, path: str) -> Any:
    """`a.b.0.c` in nested objects and lists; None when any step is missing."""
    value = payload
    for step in path.split("."):
        if isinstance(value, dict):
            value = value.get(step)
        elif isinstance(value, list) and step.isdigit() and int(step) < len(value):
            value = value[int(step)]
        else:
            return None
    return value
