"""What a pulled licence must satisfy before it becomes a material. Pure."""

from __future__ import annotations

from dataclasses import dataclass

from hub.connectors.base import LicenceRecord
from hub.enums import APPROVAL_KINDS, LicenceKind

LICENCE_NOT_FOUND = "LICENCE_NOT_FOUND"
LICENCE_INVALID = "LICENCE_INVALID"
LICENCE_MISMATCH = "LICENCE_MISMATCH"
UPSTREAM_UNAVAILABLE = "UPSTREAM_UNAVAILABLE"

TITLES = {
    LicenceKind.ID_CARD: "经办人身份证",
    LicenceKind.BUSINESS_LICENCE: "营业执照",
    LicenceKind.PROPERTY_TITLE: "不动产权证书",
    LicenceKind.PROJECT_REGISTRATION: "项目立项（备案）文件",
    LicenceKind.LAND_USE_PLANNING_PERMIT: "建设用地规划许可证",
    LicenceKind.PLANNING_PERMIT: "建设工程规划许可证",
    LicenceKind.CONSTRUCTION_PERMIT: "建筑工程施工许可证",
}


@dataclass(frozen=True)
class Expected:
    """What the application says the licence should show."""

    agent_name: str
    enterprise_name: str
    uscc: str


@dataclass(frozen=True)
class Failure:
    kind: LicenceKind
    code: str
    message: str


def check_record(record: LicenceRecord, expected: Expected) -> Failure | None:
    title = TITLES[record.kind]
    if record.status != "VALID":
        state = "已吊销" if record.status == "REVOKED" else "已过期"
        return Failure(
            record.kind,
            LICENCE_INVALID,
            f"{title}{state}（{record.status}），请办理有效证照后重试，或上传有效材料",
        )
    differ = _differences(record, expected)
    if differ:
        return Failure(
            record.kind,
            LICENCE_MISMATCH,
            f"{title}与申请信息不一致：{'；'.join(differ)}。请核对申请表后重试，或上传材料",
        )
    return None


def _differences(record: LicenceRecord, expected: Expected) -> list[str]:
    if record.kind == LicenceKind.ID_CARD and record.holder_name != expected.agent_name:
        return [f"姓名（证照：{record.holder_name}，申请表经办人：{expected.agent_name}）"]
    if record.kind == LicenceKind.BUSINESS_LICENCE:
        differ = []
        if record.holder_name != expected.enterprise_name:
            differ.append(
                f"企业名称（证照：{record.holder_name}，申请表：{expected.enterprise_name}）"
            )
        if record.holder_uscc and record.holder_uscc != expected.uscc:
            differ.append(
                f"统一社会信用代码（证照：{record.holder_uscc}，申请表：{expected.uscc}）"
            )
        return differ
    if record.kind in APPROVAL_KINDS and record.holder_uscc != expected.uscc:
        return [
            f"建设单位统一社会信用代码（审批文件：{record.holder_uscc}，申请表：{expected.uscc}）"
        ]
    if record.kind == LicenceKind.PROPERTY_TITLE and record.holder_uscc != expected.uscc:
        return [f"权利人统一社会信用代码（证照：{record.holder_uscc}，申请表：{expected.uscc}）"]
    return []
