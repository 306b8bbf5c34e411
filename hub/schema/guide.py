"""The one service guide (一次告知)."""

from __future__ import annotations

import strawberry

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
    working_days: Decimal
    owner: str


@strawberry.type
class Channel:
    kind: str
    value: str


@strawberry.type
class GuideText:
    title: str
    text: str
    utilities: list[Utility]


@strawberry.type(description="One merged guide for any mix of water, power and gas.")
class ServiceGuide:
    utilities: list[Utility]
    requirements: list[Requirement]
    time_limits: list[TimeLimit]
    channels: list[Channel]
    fees: list[GuideText]
    policies: list[GuideText]
    notes: list[GuideText]
    process: list[str]
