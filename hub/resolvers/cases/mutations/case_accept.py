import strawberry
from strawberry.types import Info

from hub.cases import window
from hub.resolvers.context import principal_of
from hub.schema.cases import Case


async def accept_case(info: Info, case_id: strawberry.ID) -> Case:
    """Accepts a complete case: receipt notice, one ticket per chosen utility."""
    row = await window.accept_case(principal=principal_of(info), case_id=case_id)
    return Case.from_model(row)
