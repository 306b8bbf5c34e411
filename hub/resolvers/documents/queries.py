from __future__ import annotations

import strawberry

from hub.documents.verification import verified_document
from hub.schema.documents import DocumentVerification


@strawberry.type
class DocumentQueries:
    @strawberry.field(
        description="Checks a printed notice by its verification code (no token needed): null "
        "for an unknown code or a notice not yet issued."
    )
    async def verify_document(self, code: str) -> DocumentVerification | None:
        row = await verified_document(code)
        return DocumentVerification.from_model(row) if row else None
