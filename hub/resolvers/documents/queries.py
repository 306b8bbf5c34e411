from __future__ import annotations

import strawberry

from hub.documents.verification import verify
from hub.schema.documents import DocumentVerification


@strawberry.type
class DocumentQueries:
    @strawberry.field(
        description="Checks a printed notice by its verification code (no token needed): null "
        "for an unknown code or a notice not yet issued."
    )
    async def verify_document(self, code: str) -> DocumentVerification | None:
        facts = await verify(code)
        return DocumentVerification.from_facts(facts) if facts else None
