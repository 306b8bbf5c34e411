"""A licence service over REST: `GET {base_url}{path}` per kind, JSON answers mapped onto
LicenceRecord by configurable field paths.

Every call carries `X-Request-ID` (the same on its retries) and the API key header. Transient
failures (connect errors, timeouts, a dropped connection, HTTP 500/502/503/504) are retried with
exponential backoff and jitter (tenacity); 404 is LicenceNotFound; any other 4xx, a malformed
answer, or the retries running out is LicenceServiceUnavailable with a message saying which.
A circuit breaker (hub.connectors.breaker) around each call (its retries included) fails fast
while the service is down and lets one probe through after `reset_timeout`.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import dataclasses
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import quote

import httpx
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential_jitter,
)

from hub import clock
from hub.connectors.base import (
    LicenceNotFound,
    LicenceProvider,
    LicenceRecord,
    LicenceServiceUnavailable,
)
from hub.connectors.breaker import CircuitBreaker, CircuitOpen
from hub.connectors.issuers import usual_issuer
from hub.connectors.licence_pdf import render_licence_pdf
from hub.connectors.statuses import STATUSES, effective_status
from hub.enums import LicenceKind

log = logging.getLogger(__name__)

DEFAULT_PATHS: dict[LicenceKind, str] = {
    LicenceKind.ID_CARD: "/id-cards/{number}",
    LicenceKind.BUSINESS_LICENCE: "/business-licences/{number}",
    LicenceKind.PROPERTY_TITLE: "/property-titles/{number}",
}
# JSON path (dotted; digits index lists) -> LicenceRecord field, or `details.<key>`. The defaults
# read the names of the simulated registry's JSON (API.md).
_COMMON = {"status": "status", "valid_until": "valid_until", "issuer": "issuer"}
DEFAULT_FIELD_MAPS: dict[LicenceKind, dict[str, str]] = {
    LicenceKind.ID_CARD: {"number": "number", "name": "holder_name", **_COMMON},
    LicenceKind.BUSINESS_LICENCE: {
        "uscc": "number",
        "name": "holder_name",
        "legal_representative": "details.legal_representative",
        "address": "details.address",
        **_COMMON,
    },
    LicenceKind.PROPERTY_TITLE: {
        "number": "number",
        "holder_name": "holder_name",
        "holder_uscc": "holder_uscc",
        "address": "details.address",
        "area_m2": "details.area_m2",
        **_COMMON,
    },
}
RECORD_FIELDS = frozenset(
    {"number", "holder_name", "status", "issuer", "valid_until", "holder_uscc"}
)
TRANSIENT_STATUSES = frozenset({500, 502, 503, 504})
DATA_SHEET_TITLES = {
    LicenceKind.ID_CARD: "电子证照信息：居民身份证",
    LicenceKind.BUSINESS_LICENCE: "电子证照信息：营业执照",
    LicenceKind.PROPERTY_TITLE: "电子证照信息：不动产权证书",
}
DATA_SHEET_NOTICE = "根据电子证照服务返回的数据生成，非证照原件"


class LicenceRequestRejected(LicenceServiceUnavailable):
    """The service answered with a 4xx other than 404 (bad key, bad request): it is up, so this
    does not count against the circuit breaker, and is not retried."""


class _Transient(Exception):
    """One attempt failed in a way worth retrying."""


@dataclass(frozen=True)
class HttpLicenceConfig:
    base_url: str
    api_key: str | None = None
    api_key_header: str = "X-API-Key"
    paths: Mapping[LicenceKind, str] = field(default_factory=lambda: dict(DEFAULT_PATHS))
    field_maps: Mapping[LicenceKind, Mapping[str, str]] = field(
        default_factory=lambda: {kind: dict(fields) for kind, fields in DEFAULT_FIELD_MAPS.items()}
    )
    file_field: str | None = None  # JSON path of the licence file, base64 PDF
    timeout: float = 3.0  # seconds, per attempt (connect, each read, write, pool)
    retries: int = 2  # attempts after the first, for transient failures only
    backoff_initial: float = 0.2  # seconds before the first retry, doubling, plus jitter
    backoff_max: float = 2.0
    failure_threshold: int = 5  # consecutive failed calls that open the breaker
    reset_timeout: float = 30.0  # seconds the breaker stays open before one probe

    def __post_init__(self) -> None:
        if not self.base_url.startswith(("http://", "https://")):
            raise ValueError(
                f"licence service base URL must be http(s)://..., not {self.base_url!r}"
            )
        if self.timeout <= 0 or self.retries < 0 or self.backoff_initial < 0:
            raise ValueError("timeout must be positive; retries and backoff must not be negative")
        for kind in LicenceKind:
            path = self.paths.get(kind)
            if not path or "{number}" not in path:
                raise ValueError(f"licence service path for {kind} must contain {{number}}")
            targets = set(self.field_maps.get(kind, {}).values())
            unknown = {
                t for t in targets if t not in RECORD_FIELDS and not t.startswith("details.")
            }
            if unknown:
                raise ValueError(f"field map for {kind}: unknown record fields {sorted(unknown)}")
            if not {"holder_name", "status"} <= targets:
                raise ValueError(f"field map for {kind} must map holder_name and status")


class HttpLicenceProvider(LicenceProvider):
    name = "http"

    def __init__(
        self,
        config: HttpLicenceConfig,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
        today: Callable[[], date] = clock.local_today,
    ) -> None:
        self.config = config
        self.breaker = CircuitBreaker(
            f"licence service {config.base_url}",
            failure_threshold=config.failure_threshold,
            reset_timeout=config.reset_timeout,
            monotonic=monotonic,
        )
        self._sleep = sleep
        self._today = today
        self._client: httpx.AsyncClient | None = None

    @classmethod
    def from_settings(cls, settings: Any) -> HttpLicenceProvider:
        """From HUB_LICENCE_HTTP_* settings (base URL required)."""
        base_url = getattr(settings, "licence_http_base_url", None)
        if not base_url:
            raise ValueError("HUB_LICENCE_PROVIDER=http needs HUB_LICENCE_HTTP_BASE_URL")
        optional = {
            "api_key_header": getattr(settings, "licence_http_api_key_header", None),
            "retries": getattr(settings, "licence_http_retries", None),
            "failure_threshold": getattr(settings, "licence_http_breaker_threshold", None),
            "reset_timeout": getattr(settings, "licence_http_breaker_reset", None),
            "file_field": getattr(settings, "licence_http_file_field", None),
        }
        config = HttpLicenceConfig(
            base_url=str(base_url),
            api_key=getattr(settings, "licence_http_api_key", None) or None,
            timeout=float(getattr(settings, "licence_http_timeout", None) or 3.0),
            **{name: value for name, value in optional.items() if value is not None},
        )
        return cls(config)

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def fetch(self, kind: LicenceKind, number: str, *, request_id: str) -> LicenceRecord:
        kind = LicenceKind(kind)
        try:
            with self.breaker.guard(_counts_against_service):
                payload = await self._get(kind, number, request_id)
                return self._record(kind, number, payload, request_id)
        except CircuitOpen as exc:
            raise LicenceServiceUnavailable(
                f"{exc} (after {self.breaker.failure_threshold} consecutive failed calls); "
                f"failing fast without calling it [request {request_id}]"
            ) from exc

    # --- one call: attempts and retries ---------------------------------------------------

    async def _get(self, kind: LicenceKind, number: str, request_id: str) -> Any:
        url = self.config.base_url.rstrip("/") + self.config.paths[kind].format(
            number=quote(number.strip(), safe="")
        )
        headers = {"X-Request-ID": request_id, "Accept": "application/json"}
        if self.config.api_key:
            headers[self.config.api_key_header] = self.config.api_key
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.config.retries + 1),
            wait=wait_exponential_jitter(
                initial=self.config.backoff_initial,
                max=self.config.backoff_max,
                jitter=self.config.backoff_initial,
            ),
            retry=retry_if_exception_type(_Transient),
            sleep=self._sleep,
            before_sleep=lambda state: _log_retry(state, request_id),
            reraise=True,
        )
        try:
            response = await retrying(self._attempt, url, headers)
        except _Transient as exc:
            attempts = self.config.retries + 1
            raise LicenceServiceUnavailable(
                f"licence service {self.config.base_url} unavailable after {attempts} "
                f"attempt{'s' if attempts > 1 else ''} (last: {exc}) [request {request_id}]"
            ) from exc
        return self._payload(response, kind, number, request_id)

    async def _attempt(self, url: str, headers: dict[str, str]) -> httpx.Response:
        try:
            response = await self._http().get(url, headers=headers)
        except httpx.TimeoutException as exc:
            raise _Transient(
                f"no answer within {self.config.timeout:g} s ({type(exc).__name__})"
            ) from exc
        except (httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            raise _Transient(f"connection failed: {type(exc).__name__}: {exc}") from exc
        except httpx.HTTPError as exc:  # bad URL, unsupported protocol...: retrying won't help
            raise LicenceServiceUnavailable(
                f"licence service call to {url} failed: {type(exc).__name__}: {exc}"
            ) from exc
        if response.status_code in TRANSIENT_STATUSES:
            raise _Transient(f"HTTP {response.status_code}")
        return response

    def _http(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(
                timeout=httpx.Timeout(self.config.timeout), follow_redirects=False
            )
        return self._client

    def _payload(self, response: httpx.Response, kind: LicenceKind, number: str, rid: str) -> Any:
        code = response.status_code
        if code == 404:
            raise LicenceNotFound(f"licence service has no {kind.value} numbered {number!r}")
        if 400 <= code < 500:
            raise LicenceRequestRejected(
                f"licence service refused the request: HTTP {code} "
                f"{response.reason_phrase}: {response.text[:200]!r}"
                f"{' (check the API key)' if code in (401, 403) else ''} [request {rid}]"
            )
        if code != 200:
            raise LicenceServiceUnavailable(
                f"licence service answered HTTP {code} {response.reason_phrase} [request {rid}]"
            )
        try:
            return response.json()
        except ValueError as exc:
            raise LicenceServiceUnavailable(
                f"malformed response from licence service: not JSON ({exc}); body starts "
                f"{response.text[:80]!r} [request {rid}]"
            ) from exc

    # --- the answer -> LicenceRecord ------------------------------------------------------

    def _record(self, kind: LicenceKind, number: str, payload: Any, rid: str) -> LicenceRecord:
        def malformed(why: str) -> LicenceServiceUnavailable:
            return LicenceServiceUnavailable(
                f"malformed response from licence service: {why} [request {rid}]"
            )

        if not isinstance(payload, dict):
            raise malformed(f"expected a JSON object, got {type(payload).__name__}")
        values: dict[str, Any] = {}
        details: dict[str, Any] = {}
        for path, target in self.config.field_maps[kind].items():
            value = _dig(payload, path)
            if value is None:
                continue
            if target.startswith("details."):
                details[target.removeprefix("details.")] = value
                continue
            if not isinstance(value, str) or not value.strip():
                raise malformed(f"{path!r} ({target}) should be a non-empty string, got {value!r}")
            values[target] = value.strip()
        for required in ("holder_name", "status"):
            if required not in values:
                paths = [p for p, t in self.config.field_maps[kind].items() if t == required]
                raise malformed(f"missing {required} (JSON {' or '.join(map(repr, paths))})")
        if values["status"] not in STATUSES:
            raise malformed(f"status {values['status']!r} is not one of {', '.join(STATUSES)}")
        valid_until = None
        if "valid_until" in values:
            try:
                valid_until = date.fromisoformat(values["valid_until"])
            except ValueError:
                raise malformed(f"valid_until {values['valid_until']!r} is not a date") from None
        record_number = values.get("number", number.strip())
        holder_uscc = values.get("holder_uscc")
        if kind == LicenceKind.BUSINESS_LICENCE and holder_uscc is None:
            holder_uscc = record_number
        record = LicenceRecord(
            kind=kind,
            number=record_number,
            holder_name=values["holder_name"],
            status=effective_status(values["status"], valid_until, self._today()),
            issuer=values.get("issuer") or usual_issuer(kind, record_number),
            valid_until=valid_until,
            holder_uscc=holder_uscc,
            details=details,
            request_id=rid,
        )
        encoded = _dig(payload, self.config.file_field) if self.config.file_field else None
        if encoded is not None:
            try:
                pdf = base64.b64decode(encoded, validate=True) if isinstance(encoded, str) else b""
            except binascii.Error:
                pdf = b""
            if not pdf.startswith(b"%PDF"):
                raise malformed(f"{self.config.file_field!r} is not a base64 PDF")
        else:  # no file from the service: a data sheet of what it said
            pdf = render_licence_pdf(
                record, title=DATA_SHEET_TITLES[kind], notice=DATA_SHEET_NOTICE
            )
        return dataclasses.replace(record, file_pdf=pdf)


def _counts_against_service(exc: BaseException) -> bool:
    """For the breaker: the service answered (a licence, 404, or a deliberate 4xx) or not."""
    return not isinstance(exc, LicenceNotFound | LicenceRequestRejected)


def _dig(payload: Any, path: str) -> Any:
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


def _log_retry(state: RetryCallState, request_id: str) -> None:
    error = state.outcome.exception() if state.outcome else None
    wait = state.next_action.sleep if state.next_action else 0.0
    log.warning(
        "licence service attempt %d failed (%s); retrying in %.2f s [request %s]",
        state.attempt_number,
        error,
        wait,
        request_id,
    )
