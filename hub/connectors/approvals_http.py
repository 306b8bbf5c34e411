"""The construction-project approval system over REST: `GET {base_url}/projects/{code}/approvals`
answers `{"approvals": [...]}` in the simulated registry's format (API.md), 404 for a project it
does not know. Calls (request id, API key, timeouts, retries, the circuit breaker) are
hub.connectors.rest's; the system sends no files, so each approval's file is a data sheet of
what it said."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import quote

from hub import clock
from hub.connectors.approval_registry import parse_approvals
from hub.connectors.base import ApprovalProvider, LicenceRecord
from hub.connectors.licence_pdf import render_licence_pdf
from hub.connectors.rest import RestService
from hub.connectors.statuses import effective_status
from hub.enums import LicenceKind

DATA_SHEET_TITLES = {
    LicenceKind.PROJECT_REGISTRATION: "工建系统信息：项目立项（备案）",
    LicenceKind.LAND_USE_PLANNING_PERMIT: "工建系统信息：建设用地规划许可证",
    LicenceKind.PLANNING_PERMIT: "工建系统信息：建设工程规划许可证",
    LicenceKind.CONSTRUCTION_PERMIT: "工建系统信息：建筑工程施工许可证",
}
DATA_SHEET_NOTICE = "根据工程建设项目审批管理系统返回的数据生成，非审批文件原件"


@dataclass(frozen=True)
class HttpApprovalConfig:
    base_url: str
    api_key: str | None = None
    api_key_header: str = "X-API-Key"
    path: str = "/projects/{project_code}/approvals"
    timeout: float = 3.0  # seconds, per attempt
    retries: int = 2  # attempts after the first, for transient failures only
    backoff_initial: float = 0.2
    backoff_max: float = 2.0
    failure_threshold: int = 5
    reset_timeout: float = 30.0

    def __post_init__(self) -> None:
        if not self.base_url.startswith(("http://", "https://")):
            raise ValueError(
                f"approval system base URL must be http(s)://..., not {self.base_url!r}"
            )
        if self.timeout <= 0 or self.retries < 0 or self.backoff_initial < 0:
            raise ValueError("timeout must be positive; retries and backoff must not be negative")
        if "{project_code}" not in self.path:
            raise ValueError("approval system path must contain {project_code}")


class HttpApprovalProvider(ApprovalProvider):
    name = "http"

    def __init__(
        self,
        config: HttpApprovalConfig,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
        today: Callable[[], date] = clock.local_today,
    ) -> None:
        self.config = config
        self.rest = RestService.from_config(
            "approval system", config, monotonic=monotonic, sleep=sleep
        )
        self.breaker = self.rest.breaker
        self._today = today

    @classmethod
    def from_settings(cls, settings: Any) -> HttpApprovalProvider:
        """From HUB_APPROVALS_HTTP_* settings (base URL required)."""
        if not settings.approvals_http_base_url:
            raise ValueError("HUB_APPROVALS_PROVIDER=http needs HUB_APPROVALS_HTTP_BASE_URL")
        return cls(
            HttpApprovalConfig(
                base_url=str(settings.approvals_http_base_url),
                api_key=settings.approvals_http_api_key or None,
                api_key_header=settings.approvals_http_api_key_header,
                timeout=float(settings.approvals_http_timeout),
                retries=settings.approvals_http_retries,
                failure_threshold=settings.approvals_http_breaker_threshold,
                reset_timeout=float(settings.approvals_http_breaker_reset),
            )
        )

    async def aclose(self) -> None:
        await self.rest.aclose()

    async def fetch_project(self, project_code: str, *, request_id: str) -> list[LicenceRecord]:
        code = project_code.strip()

        async def call() -> list[LicenceRecord]:
            payload = await self.rest.get_json(
                self.config.path.format(project_code=quote(code, safe="")),
                request_id=request_id,
                not_found=f"approval system has no project {code!r}",
            )
            try:
                records = parse_approvals(payload)
            except ValueError as exc:
                raise self.rest.malformed(str(exc), request_id) from None
            strays = sorted({r.details.get("project_code") for r in records} - {code})
            if strays:
                raise self.rest.malformed(f"approvals of other projects {strays}", request_id)
            return [self._with_sheet(record, request_id) for record in records]

        return await self.rest.guarded(call, request_id)

    def _with_sheet(self, record: LicenceRecord, request_id: str) -> LicenceRecord:
        record = dataclasses.replace(
            record,
            status=effective_status(record.status, record.valid_until, self._today()),
            request_id=request_id,
        )
        pdf = render_licence_pdf(
            record, title=DATA_SHEET_TITLES[record.kind], notice=DATA_SHEET_NOTICE
        )
        return dataclasses.replace(record, file_pdf=pdf)
