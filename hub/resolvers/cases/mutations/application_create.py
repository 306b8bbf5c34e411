from strawberry.types import Info

from hub.cases import service
from hub.resolvers.context import principal_of
from hub.schema.cases import Case
from hub.schema.inputs import ApplicationInput


async def create_application(info: Info, input: ApplicationInput) -> Case:
    """Files the one form for any mix of water, power and gas; the case starts as a DRAFT."""
    row = await service.create_application(principal=principal_of(info), data=input.to_data())
    return Case.from_model(row)
