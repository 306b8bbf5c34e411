"""The simulated construction-project approval system (the embedded default): a project's
approvals from a registry JSON file (HUB_APPROVALS_REGISTRY; a demo registry ships beside this
module), each with its file rendered as a PDF of its data, marked 仅供演示."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from pathlib import Path

from hub import clock
from hub.connectors.approval_registry import load_approval_registry
from hub.connectors.base import (
    ApprovalProvider,
    LicenceNotFound,
    LicenceRecord,
    LicenceServiceUnavailable,
)
from hub.connectors.licence_pdf import render_licence_pdf
from hub.connectors.registry import RegistryError
from hub.connectors.simulated import DEMO_WATERMARK
from hub.connectors.statuses import effective_status
from hub.enums import LicenceKind

DEMO_APPROVALS = Path(__file__).with_name("demo_approvals.json")
PDF_TITLES = {
    LicenceKind.PROJECT_REGISTRATION: "投资项目备案证明（模拟）",
    LicenceKind.LAND_USE_PLANNING_PERMIT: "建设用地规划许可证（模拟）",
    LicenceKind.PLANNING_PERMIT: "建设工程规划许可证（模拟）",
    LicenceKind.CONSTRUCTION_PERMIT: "建筑工程施工许可证（模拟）",
}
DEMO_NOTICE = "仅供演示 —— 本文件由模拟工程建设项目审批管理系统生成，不是真实审批文件"


class SimulatedApprovalProvider(ApprovalProvider):
    name = "simulated"

    def __init__(
        self,
        registry_path: Path | None = None,
        *,
        today: Callable[[], date] = clock.local_today,
    ) -> None:
        self.registry_path = Path(registry_path) if registry_path else DEMO_APPROVALS
        self._today = today
        load_approval_registry(self.registry_path)  # a broken file fails at start-up

    async def fetch_project(self, project_code: str, *, request_id: str) -> list[LicenceRecord]:
        try:
            registry = load_approval_registry(self.registry_path)
        except RegistryError as exc:
            raise LicenceServiceUnavailable(str(exc)) from exc
        found = registry.find(project_code)
        if found is None:
            raise LicenceNotFound(f"no project {project_code!r} in the approval registry")
        return [self._with_file(record, request_id) for record in found]

    def _with_file(self, found: LicenceRecord, request_id: str) -> LicenceRecord:
        record = dataclasses.replace(
            found,
            status=effective_status(found.status, found.valid_until, self._today()),
            details=dict(found.details),
            request_id=request_id,
        )
        pdf = render_licence_pdf(
            record, title=PDF_TITLES[record.kind], notice=DEMO_NOTICE, watermark=DEMO_WATERMARK
        )
        return dataclasses.replace(record, file_pdf=pdf)
