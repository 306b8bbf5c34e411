import strawberry
from strawberry.types import Info

from hub.cases import window
from hub.resolvers.context import principal_of
from hub.schema.cases import Case
from hub.schema.inputs import CorrectionItemInput


async def request_correction(
    info: Info, case_id: strawberry.ID, items: list[CorrectionItemInput]
) -> Case:
    """Tells the applicant ONCE everything to correct (一次性告知补正)."""
    row = await window.request_correction(
        principal=principal_of(info), case_id=case_id, items=items
    )
    return Case.from_model(row)
