import strawberry
from strawberry.types import Info

from hub.cases import service
from hub.resolvers.context import principal_of
from hub.schema.cases import Case
from hub.schema.inputs import ApplicationInput


async def update_application(info: Info, case_id: strawberry.ID, input: ApplicationInput) -> Case:
    """Replaces the form of a DRAFT or a case returned for correction."""
    row = await service.update_application(
        principal=principal_of(info), case_id=case_id, data=input.to_data()
    )
    return Case.from_model(row)
