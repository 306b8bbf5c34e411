from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.materials.service import attach_shared_material as attach
from hub.resolvers.arguments import CASE_ID
from hub.resolvers.context import principal_of
from hub.schema.materials import Material


@strawberry.mutation(
    description="把本企业其他案件上的现有材料（见 Case.reusableMaterials）挂到本案件，无需重新上传"
    "（来源 SHARED）；权限与状态同案件材料的 requestMaterialUpload。Link a current material of "
    "the same enterprise's other cases (see Case.reusableMaterials) to this case, nothing "
    "uploaded again (source SHARED); who and when: as requestMaterialUpload for case "
    "materials. Errors: NOT_FOUND, FORBIDDEN, INVALID_STATE, BAD_USER_INPUT, CONFLICT. Event: "
    "MATERIAL_ADDED."
)
async def attach_shared_material(
    info: Info,
    case_id: Annotated[strawberry.ID, CASE_ID],
    material_id: Annotated[
        strawberry.ID,
        strawberry.argument(
            description="要复用的材料：须为本企业其他案件上未撤下、未被取代的材料，否则为 "
            "BAD_USER_INPUT。The material to reuse: current (not removed or superseded) on "
            "another case of the same enterprise, else BAD_USER_INPUT."
        ),
    ],
    requirement_code: Annotated[
        str | None,
        strawberry.argument(
            description="在本案件中对应的材料要求代码；null 沿用原材料的代码；须为本案件所选业务"
            "需要的材料，否则为 BAD_USER_INPUT。The requirement it meets on this case; null keeps "
            "the original's; must be one the case's utilities need, else BAD_USER_INPUT."
        ),
    ] = None,
) -> Material:
    principal = principal_of(info)
    row = await attach(
        principal=principal,
        case_id=case_id,
        material_id=material_id,
        requirement_code=requirement_code,
    )
    return Material.from_model(row, principal)
