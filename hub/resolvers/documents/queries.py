from __future__ import annotations

from typing import Annotated

import strawberry

from hub.documents.verification import verify
from hub.schema.documents import DocumentVerification


@strawberry.type
class DocumentQueries:
    @strawberry.field(
        description="凭核验码核验纸质文书（无需令牌；即二维码所指 /verify/{code} 的内容）：未知的核"
        "验码或尚未生成的文书为 null。Check a printed notice by its verification code (no token "
        "needed; what the QR code's /verify/{code} shows): null for an unknown code or a notice "
        "not yet rendered."
    )
    async def verify_document(
        self,
        code: Annotated[
            str,
            strawberry.argument(
                description="文书上印的核验码（至多 100 字符）。The verification code printed on "
                "the notice (100 characters at most)."
            ),
        ],
    ) -> DocumentVerification | None:
        facts = await verify(code)
        return DocumentVerification.from_facts(facts) if facts else None
