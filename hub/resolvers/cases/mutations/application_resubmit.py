import strawberry
from strawberry.types import Info

from hub.cases import service
from hub.resolvers.context import principal_of
from hub.schema.cases import Case


async def resubmit_application(info: Info, case_id: strawberry.ID) -> Case:
    """Returns a corrected case to the window, or after acceptance to the utilities that asked."""
    row = await service.resubmit_application(principal=principal_of(info), case_id=case_id)
    return Case.from_model(row)
