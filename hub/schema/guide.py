"""The one service guide (一次告知)."""

from __future__ import annotations

import strawberry

from hub.documents.guide_file import service_guide_url
from hub.schema.enums import LicenceKind, Utility
from hub.schema.scalars import Decimal

APPLIES_TO = (
    "适用的报装业务；空列表表示适用于任何组合。The utilities it applies to; empty: any mix."
)


@strawberry.type(description="所选报装业务要求的一项材料。A material the chosen utilities require.")
class Requirement:
    code: str = strawberry.field(
        description="材料代码，用于 requirementCode。The material's code, as `requirementCode`."
    )
    title: str = strawberry.field(description="材料名称。The material's title.")
    description: str | None = strawberry.field(
        description="材料说明（份数、要求）。What it must be (copies, form)."
    )
    utilities: list[Utility] = strawberry.field(
        description="要求此材料的报装业务。The utilities that require it."
    )
    licence_kind: LicenceKind | None = strawberry.field(
        description="可调取电子证照或工建系统审批文件代替上传时为其种类，否则为 null。The "
        "electronic licence or project approval that can stand in for an upload; null when "
        "there is none."
    )
    licence_kinds: list[LicenceKind] = strawberry.field(
        description="可代替上传的全部调取种类，licenceKind 在前（如不动产权证书尚未取得时的建设用"
        "地规划许可证）；可为空。Every pullable kind that can stand in for an upload, "
        "licenceKind first (e.g. the land-use planning permit while there is no property title "
        "yet); may be empty."
    )
    mandatory: bool = strawberry.field(
        description="是否必需：缺少时不能受理（MISSING_MATERIALS）。Whether it is required: the "
        "window cannot accept without it (MISSING_MATERIALS)."
    )

    @classmethod
    def from_entry(cls, req) -> Requirement:
        return cls(
            code=req.code,
            title=req.title,
            description=req.description,
            utilities=[Utility(u) for u in req.utilities],
            licence_kind=LicenceKind(req.licence_kind) if req.licence_kind else None,
            licence_kinds=[LicenceKind(kind) for kind in req.licence_kinds],
            mandatory=req.mandatory,
        )


@strawberry.type(
    description="实施细则规定的一项办理时限。A time limit of the implementation rules."
)
class TimeLimit:
    step: str = strawberry.field(
        description="环节代码，即 SLA 时限种类（SlaClockKind）的取值。The step's code: the value "
        "of its SlaClockKind."
    )
    title: str = strawberry.field(description="环节名称。The step's title.")
    working_days: Decimal = strawberry.field(
        description="时限（工作日，以 0.5 为单位）。The limit in working days, in steps of 0.5."
    )
    owner: str = strawberry.field(
        description="责任方：UTILITY（供能企业）、WINDOW（综合窗口）或 ASSIGNED_UNIT"
        "（指定责任单位）。Who owns it: UTILITY, WINDOW or ASSIGNED_UNIT."
    )
    owner_title: str = strawberry.field(description="责任方名称。The owner's title.")
    utilities: list[Utility] = strawberry.field(description=APPLIES_TO)


@strawberry.type(description="咨询渠道。A channel to ask the window.")
class Channel:
    kind: str = strawberry.field(
        description="渠道类型：PHONE（电话）、ON_SITE（现场）或 VIDEO（视频办）。The channel: "
        "PHONE, ON_SITE or VIDEO."
    )
    title: str = strawberry.field(description="渠道名称。The channel's title.")
    value: str = strawberry.field(
        description="电话号码、地点或说明（如 0751-8877817）。The number, place or how to reach it."
    )


@strawberry.type(
    description="办事指南的一项收费标准、优惠政策或特别说明。A fee, preferential policy or "
    "special note of the guide."
)
class GuideItem:
    code: str = strawberry.field(description="条目代码。The item's code.")
    title: str = strawberry.field(description="标题。Its title.")
    description: str = strawberry.field(description="内容。Its text.")
    utilities: list[Utility] = strawberry.field(description=APPLIES_TO)


@strawberry.type(description="办理流程的一个环节。One step of the process.")
class ProcessStep:
    code: str = strawberry.field(description="环节代码。The step's code.")
    title: str = strawberry.field(description="环节名称。The step's title.")
    description: str = strawberry.field(description="环节说明。What happens in it.")


@strawberry.type(
    description="一次告知：水、电、气任意组合合并后的一份办事指南（无需登录）。One merged "
    "service guide for any mix of water, power and gas (no token needed)."
)
class ServiceGuide:
    @strawberry.field(
        description="办事指南 Word 文件的限时下载地址。An expiring address of the guide as a "
        "Word file (办事指南)."
    )
    async def download_url(self) -> str:
        return await service_guide_url(list(self.utilities))

    utilities: list[Utility] = strawberry.field(
        description="合并的报装业务，按 WATER、POWER、GAS 顺序。The utilities merged."
    )
    requirements: list[Requirement] = strawberry.field(
        description="所需材料（任一所选业务要求的）。The materials any chosen utility requires."
    )
    time_limits: list[TimeLimit] = strawberry.field(description="办理时限。The time limits.")
    channels: list[Channel] = strawberry.field(description="咨询渠道。Where to ask.")
    title: str = strawberry.field(description="指南标题。The guide's title.")
    application_form: str = strawberry.field(
        description="使用的申请表名称（协同报装申请表，附件5）。The application form to use "
        "(Attachment 5)."
    )
    process: list[ProcessStep] = strawberry.field(
        description="办理流程，按先后顺序。The process, step by step."
    )
    fees: list[GuideItem] = strawberry.field(description="收费标准。The fee standards.")
    policies: list[GuideItem] = strawberry.field(description="优惠政策。The preferential policies.")
    notes: list[GuideItem] = strawberry.field(description="特别说明。The special notes.")
