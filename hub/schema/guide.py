"""The one service guide (一次告知)."""

from __future__ import annotations

import strawberry

from hub.documents.guide_file import service_guide_url
from hub.schema.enums import LicenceKind, Utility
from hub.schema.scalars import Decimal


@strawberry.type(description="A material the chosen utilities require.")
class Requirement:
    code: str
    title: str
    description: str | None
    utilities: list[Utility]
    licence_kind: LicenceKind | None
    mandatory: bool

    @classmethod
    def from_entry(cls, req) -> Requirement:
        return cls(
            code=req.code,
            title=req.title,
            description=req.description,
            utilities=[Utility(u) for u in req.utilities],
            licence_kind=LicenceKind(req.licence_kind) if req.licence_kind else None,
            mandatory=req.mandatory,
        )


@strawberry.type
class TimeLimit:
    step: str
    title: str
    working_days: Decimal
    owner: str
    owner_title: str
    utilities: list[Utility]


@strawberry.type
class Channel:
    kind: str
    title: str
    value: str


@strawberry.type(description="A fee, preferential policy or special note of the guide.")
class GuideItem:
    code: str
    title: str
    description: str
    utilities: list[Utility]


@strawberry.type
class ProcessStep:
    code: str
    title: str
    description: str


@strawberry.type(description="One merged guide for any mix of water, power and gas.")
class ServiceGuide:
    @strawberry.field(description="Expiring address of the guide as a Word file (办事指南).")
    async def download_url(self) -> str:
        return await service_guide_url(list(self.utilities))

    utilities: list[Utility]
    requirements: list[Requirement]
    time_limits: list[TimeLimit]
    channels: list[Channel]
    title: str
    application_form: str
    process: list[ProcessStep]
    fees: list[GuideItem]
    policies: list[GuideItem]
    notes: list[GuideItem]
