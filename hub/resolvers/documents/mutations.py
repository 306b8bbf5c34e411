from __future__ import annotations

import strawberry
from strawberry.types import Info

from hub.documents.service import retry_document
from hub.resolvers.context import principal_of
from hub.schema.documents import Document


@strawberry.type
class DocumentMutations:
    @strawberry.mutation(description="Renders a FAILED document again (window staff, admins).")
    async def retry_document(self, info: Info, document_id: strawberry.ID) -> Document:
        row = await retry_document(principal=principal_of(info), document_id=document_id)
        return Document.from_model(row)
