import strawberry
from strawberry.types import Info

from hub.materials.service import attach_shared_material as attach
from hub.resolvers.context import principal_of
from hub.schema.materials import Material


async def attach_shared_material(
    info: Info,
    case_id: strawberry.ID,
    material_id: strawberry.ID,
    requirement_code: str | None = None,
) -> Material:
    """Links an earlier material of the same enterprise to this case: nothing is uploaded again."""
    principal = principal_of(info)
    row = await attach(
        principal=principal,
        case_id=case_id,
        material_id=material_id,
        requirement_code=requirement_code,
    )
    return Material.from_model(row, principal)
