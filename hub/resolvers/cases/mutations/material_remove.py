import strawberry
from strawberry.types import Info

from hub.materials.service import remove_material as remove
from hub.resolvers.context import principal_of
from hub.schema.cases import Case


async def remove_material(info: Info, material_id: strawberry.ID) -> Case:
    """Takes a material off the case; it stays on record."""
    return Case.from_model(await remove(principal=principal_of(info), material_id=material_id))
