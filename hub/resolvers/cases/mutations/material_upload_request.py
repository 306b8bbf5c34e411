from strawberry.types import Info

from hub.materials.uploads import UploadRequest, request_upload
from hub.resolvers.context import principal_of
from hub.schema.materials import UploadRequestInput, UploadTicket


async def request_material_upload(info: Info, input: UploadRequestInput) -> UploadTicket:
    """An expiring address taking one PUT of exactly the announced bytes."""
    ticket = await request_upload(
        principal=principal_of(info),
        request=UploadRequest(
            case_id=input.case_id,
            filename=input.filename,
            content_type=input.content_type,
            size=input.size,
            sha256=input.sha256,
            requirement_code=input.requirement_code,
            ticket_id=input.ticket_id,
            replaces_material_id=input.replaces_material_id,
        ),
    )
    return UploadTicket(
        upload_id=ticket.upload_id,
        url=ticket.url,
        method=ticket.method,
        headers=ticket.headers,
        expires_at=ticket.expires_at,
    )
