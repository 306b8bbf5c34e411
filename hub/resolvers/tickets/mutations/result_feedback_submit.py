import strawberry
from strawberry.types import Info

from hub.resolvers.context import principal_of
from hub.schema.inputs import ResultFeedbackInput
from hub.schema.tickets import Ticket
from hub.tickets import service


async def submit_result_feedback(
    info: Info, ticket_id: strawberry.ID, input: ResultFeedbackInput
) -> Ticket:
    """Sends the result feedback form of a surveyed ticket to the window."""
    row = await service.submit_result_feedback(
        principal=principal_of(info), ticket_id=ticket_id, form=input.to_domain()
    )
    return Ticket.from_model(row)
