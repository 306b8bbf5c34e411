"""The simulated e-licence service (the embedded default): licences from a registry JSON file
(HUB_LICENCE_REGISTRY; a demo registry ships beside this module), each with its electronic file
rendered as a PDF of the licence's data, marked 仅供演示."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from pathlib import Path

from hub import clock
from hub.connectors.base import (
    LicenceNotFound,
    LicenceProvider,
    LicenceRecord,
    LicenceServiceUnavailable,
)
from hub.connectors.licence_pdf import render_licence_pdf
from hub.connectors.registry import RegistryError, load_registry
from hub.connectors.statuses import effective_status
from hub.enums import LicenceKind

DEMO_REGISTRY = Path(__file__).with_name("demo_registry.json")
PDF_TITLES = {
    LicenceKind.ID_CARD: "居民身份证电子证照（模拟）",
    LicenceKind.BUSINESS_LICENCE: "电子营业执照（模拟）",
    LicenceKind.PROPERTY_TITLE: "不动产权电子证书（模拟）",
}
DEMO_WATERMARK = "仅供演示"
DEMO_NOTICE = "仅供演示 —— 本文件由模拟电子证照库生成，不是真实证照"


class SimulatedLicenceProvider(LicenceProvider):
    name = "simulated"

    def __init__(
        self,
        registry_path: Path | None = None,
        *,
        today: Callable[[], date] = clock.local_today,
    ) -> None:
        self.registry_path = Path(registry_path) if registry_path else DEMO_REGISTRY
        self._today = today
        load_registry(self.registry_path)  # a broken registry fails at start-up, not per call

    async def fetch(self, kind: LicenceKind, number: str, *, request_id: str) -> LicenceRecord:
        try:
            registry = load_registry(self.registry_path)
        except RegistryError as exc:
            raise LicenceServiceUnavailable(str(exc)) from exc
        found = registry.find(LicenceKind(kind), number)
        if found is None:
            raise LicenceNotFound(
                f"no {LicenceKind(kind).value} numbered {number!r} in the registry"
            )
        record = dataclasses.replace(
            found,
            status=effective_status(found.status, found.valid_until, self._today()),
            details=dict(found.details),  # the cached registry stays as read
            request_id=request_id,
        )
        pdf = render_licence_pdf(  # a few milliseconds: not worth a thread
            record, title=PDF_TITLES[record.kind], notice=DEMO_NOTICE, watermark=DEMO_WATERMARK
        )
        return dataclasses.replace(record, file_pdf=pdf)
