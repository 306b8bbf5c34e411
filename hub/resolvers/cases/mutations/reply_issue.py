import strawberry
from strawberry.types import Info

from hub.cases.reply import issue_consolidated_reply as issue_reply
from hub.resolvers.context import principal_of
from hub.schema.cases import Case


async def issue_consolidated_reply(info: Info, case_id: strawberry.ID) -> Case:
    """ONE consolidated reply once every utility has answered (window)."""
    return Case.from_model(await issue_reply(principal=principal_of(info), case_id=case_id))
