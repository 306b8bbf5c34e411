import strawberry
from strawberry.types import Info

from hub.cases import service
from hub.resolvers.context import principal_of
from hub.schema.cases import Case


async def grant_licence_consent(info: Info, case_id: strawberry.ID) -> Case:
    """Records the applicant's consent to pulling its electronic licences."""
    row = await service.grant_licence_consent(principal=principal_of(info), case_id=case_id)
    return Case.from_model(row)
