from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.enums import LicenceKind
from hub.licences.service import pull_licences as pull
from hub.resolvers.arguments import CASE_ID
from hub.resolvers.context import principal_of
from hub.schema.materials import LicenceFailure, LicencePull, Material


@strawberry.mutation(
    description="调取电子证照作为案件材料（零材料；申请人、窗口人员或管理员；案件须为 DRAFT、"
    "SUBMITTED 或 CORRECTION_REQUIRED，且已授权）；调不到的种类各成一条 LicenceFailure，其余照常"
    "取得。Pull e-licences as the case's materials (applicant, window staff or admin; the case "
    "must be DRAFT, SUBMITTED or CORRECTION_REQUIRED, with consent); a kind that cannot be "
    "pulled is a LicenceFailure (LICENCE_NOT_FOUND, LICENCE_INVALID, LICENCE_MISMATCH, "
    "UPSTREAM_UNAVAILABLE) while the others land; one pulled for the enterprise within "
    "HUB_LICENCE_REUSE_DAYS is reused. Errors: NOT_FOUND, FORBIDDEN, INVALID_STATE, "
    "CONSENT_REQUIRED, CONFLICT. Events: LICENCE_PULLED or LICENCE_PULL_FAILED, per kind."
)
async def pull_licences(
    info: Info,
    case_id: Annotated[strawberry.ID, CASE_ID],
    kinds: Annotated[
        list[LicenceKind] | None,
        strawberry.argument(
            description="要调取的证照种类，重复的只调一次；null 为全部三种（经办人身份证、营业执照"
            "、不动产权证书）。Kinds to pull, each once; null: all three (the agent's ID card, "
            "the business licence, the real-estate title)."
        ),
    ] = None,
) -> LicencePull:
    principal = principal_of(info)
    materials, failures = await pull(principal=principal, case_id=case_id, kinds=kinds)
    return LicencePull(
        materials=[Material.from_model(m, principal) for m in materials],
        failures=[LicenceFailure(kind=f.kind, code=f.code, message=f.message) for f in failures],
    )
