import strawberry
from strawberry.types import Info

from hub.cases import window
from hub.enums import Utility
from hub.resolvers.context import principal_of
from hub.schema.cases import Case


async def record_paper_handover(
    info: Info, case_id: strawberry.ID, utility: Utility, items: list[str], received_by: str
) -> Case:
    """Records paper materials handed to a utility (交接记录)."""
    row = await window.record_paper_handover(
        principal=principal_of(info),
        case_id=case_id,
        utility=utility,
        items=items,
        received_by=received_by,
    )
    return Case.from_model(row)
