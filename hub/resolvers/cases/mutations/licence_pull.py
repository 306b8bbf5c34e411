from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.enums import LicenceKind
from hub.licences.service import pull_licences as pull
from hub.resolvers.arguments import CASE_ID
from hub.resolvers.context import principal_of
from hub.schema.materials import LicenceFailure, LicencePull, Material


@strawberry.mutation(
    description="调取电子证照及工建系统的项目审批文件作为案件材料（零材料；申请人、窗口人员或管理员；"
    "案件须为 DRAFT、SUBMITTED 或 CORRECTION_REQUIRED，且已授权）。审批文件按案件的项目代码调取"
    "（格式如 2026-440203-44-01-000123，且须为工建系统所知），建设单位须为申请企业；调不到的种类"
    "各成一条 LicenceFailure，其余照常取得。Pull e-licences, and the project's approvals from "
    "the construction-project approval system (工建系统), as the case's materials (applicant, "
    "window staff or admin; the case must be DRAFT, SUBMITTED or CORRECTION_REQUIRED, with "
    "consent). Approvals are looked up by the case's project code (format "
    "2026-440203-44-01-000123, and known to the system; none or a bad one: LICENCE_NOT_FOUND) "
    "and must be held by the applicant (LICENCE_MISMATCH naming the field). A kind that cannot "
    "be pulled is a LicenceFailure (LICENCE_NOT_FOUND, LICENCE_INVALID, LICENCE_MISMATCH, "
    "UPSTREAM_UNAVAILABLE) while the others land; one pulled for the enterprise (an approval: "
    "for the same project) within HUB_LICENCE_REUSE_DAYS is reused. Errors: NOT_FOUND, "
    "FORBIDDEN, INVALID_STATE, CONSENT_REQUIRED, CONFLICT. Events: LICENCE_PULLED or "
    "LICENCE_PULL_FAILED, per kind."
)
async def pull_licences(
    info: Info,
    case_id: Annotated[strawberry.ID, CASE_ID],
    kinds: Annotated[
        list[LicenceKind] | None,
        strawberry.argument(
            description="要调取的种类，重复的只调一次；null 为案件材料清单可用的全部种类（见 "
            "Requirement.licenceKinds）。Kinds to pull, each once; null: every kind the case's "
            "checklist can use (Requirement.licenceKinds of its requirements)."
        ),
    ] = None,
) -> LicencePull:
    principal = principal_of(info)
    materials, failures = await pull(principal=principal, case_id=case_id, kinds=kinds)
    return LicencePull(
        materials=[Material.from_model(m, principal) for m in materials],
        failures=[LicenceFailure(kind=f.kind, code=f.code, message=f.message) for f in failures],
    )
