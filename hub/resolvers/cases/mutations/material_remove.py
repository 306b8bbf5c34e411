from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.materials.service import remove_material as remove
from hub.resolvers.arguments import MATERIAL_ID
from hub.resolvers.context import principal_of
from hub.schema.cases import Case


@strawberry.mutation(
    description="把材料从案件上撤下，记录仍保留；权限与状态同 requestMaterialUpload（工单审批结果"
    "按其工单）。Take a material off the case; it stays on record. Who and when: as "
    "requestMaterialUpload (an approval result by its ticket). Errors: NOT_FOUND (also when "
    "removed already), FORBIDDEN, INVALID_STATE, CONFLICT. Event: MATERIAL_REMOVED."
)
async def remove_material(info: Info, material_id: Annotated[strawberry.ID, MATERIAL_ID]) -> Case:
    return Case.from_model(await remove(principal=principal_of(info), material_id=material_id))
