import strawberry
from strawberry.types import Info

from hub.cases import service
from hub.resolvers.context import principal_of
from hub.schema.cases import Case


async def submit_application(info: Info, case_id: strawberry.ID) -> Case:
    """Hands the application to the window for formal review (materials may still be missing)."""
    row = await service.submit_application(principal=principal_of(info), case_id=case_id)
    return Case.from_model(row)
