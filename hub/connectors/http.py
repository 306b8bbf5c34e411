"""A licence service over REST: `GET {base_url}{path}` per kind, JSON answers mapped onto
LicenceRecord by configurable field paths. The calls (request id, API key, timeouts, retries of
transient failures, the circuit breaker) are hub.connectors.rest's.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import dataclasses
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import quote

from hub import clock
from hub.connectors.base import (
    LicenceProvider,
    LicenceRecord,
    LicenceServiceUnavailable,
)
from hub.connectors.issuers import usual_issuer
from hub.connectors.licence_pdf import render_licence_pdf
from hub.connectors.rest import RequestRejected, RestService, dig
from hub.connectors.statuses import STATUSES, effective_status
from hub.enums import E_LICENCE_KINDS, LicenceKind

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
DATA_SHEET_TITLES = {
    LicenceKind.ID_CARD: "电子证照信息：居民身份证",
    LicenceKind.BUSINESS_LICENCE: "电子证照信息：营业执照",
    LicenceKind.PROPERTY_TITLE: "电子证照信息：不动产权证书",
}
DATA_SHEET_NOTICE = "根据电子证照服务返回的数据生成，非证照原件"


LicenceRequestRejected = RequestRejected  # the name the licence tests know


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
        for kind in E_LICENCE_KINDS:
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
        self.rest = RestService.from_config(
            "licence service", config, monotonic=monotonic, sleep=sleep
        )
        self.breaker = self.rest.breaker
        self._today = today

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
        await self.rest.aclose()

    async def fetch(self, kind: LicenceKind, number: str, *, request_id: str) -> LicenceRecord:
        kind = LicenceKind(kind)
        if kind not in E_LICENCE_KINDS:
            raise ValueError(f"{kind} is a project approval: ask the approval system")

        async def call() -> LicenceRecord:
            path = self.config.paths[kind].format(number=quote(number.strip(), safe=""))
            payload = await self.rest.get_json(
                path,
                request_id=request_id,
                not_found=f"licence service has no {kind.value} numbered {number!r}",
            )
            return self._record(kind, number, payload, request_id)

        return await self.rest.guarded(call, request_id)

    # --- the answer -> LicenceRecord ------------------------------------------------------

    def _record(self, kind: LicenceKind, number: str, payload: Any, rid: str) -> LicenceRecord:
        def malformed(why: str) -> LicenceServiceUnavailable:
            return self.rest.malformed(why, rid)

        if not isinstance(payload, dict):
            raise malformed(f"expected a JSON object, got {type(payload).__name__}")
        values: dict[str, Any] = {}
        details: dict[str, Any] = {}
        for path, target in self.config.field_maps[kind].items():
            value = dig(payload, path)
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
        encoded = dig(payload, self.config.file_field) if self.config.file_field else None
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
