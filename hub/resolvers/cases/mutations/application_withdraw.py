import strawberry
from strawberry.types import Info

from hub.cases import service
from hub.resolvers.context import principal_of
from hub.schema.cases import Case


async def withdraw_application(info: Info, case_id: strawberry.ID, reason: str) -> Case:
    """Withdraws the application before the reply; open tickets are cancelled."""
    row = await service.withdraw_application(
        principal=principal_of(info), case_id=case_id, reason=reason
    )
    return Case.from_model(row)
