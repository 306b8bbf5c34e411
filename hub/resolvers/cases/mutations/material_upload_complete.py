import strawberry
from strawberry.types import Info

from hub.materials.uploads import complete_upload
from hub.resolvers.context import principal_of
from hub.schema.materials import Material


async def complete_material_upload(info: Info, upload_id: strawberry.ID) -> Material:
    """Verifies the staged bytes (size, sha256) and keeps them as a material of the case."""
    principal = principal_of(info)
    row = await complete_upload(principal=principal, upload_id=upload_id)
    return Material.from_model(row, principal)
