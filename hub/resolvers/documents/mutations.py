from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.documents.service import retry_document
from hub.resolvers.context import principal_of
from hub.schema.documents import Document


@strawberry.type
class DocumentMutations:
    @strawberry.mutation(
        description="重新生成失败（FAILED）的文书（仅窗口人员或管理员）：回到 PENDING，以新一轮尝试"
        "重新排队。Render a FAILED document again (window staff or admins only): PENDING "
        "again, queued with a fresh round of tries. Errors: NOT_FOUND, FORBIDDEN, INVALID_STATE "
        "(not FAILED). Events (from the render job): DOCUMENT_READY or DOCUMENT_FAILED."
    )
    async def retry_document(
        self,
        info: Info,
        document_id: Annotated[
            strawberry.ID,
            strawberry.argument(
                description="文书 id；不存在或所属案件看不到时为 NOT_FOUND。The document's id; "
                "NOT_FOUND when it does not exist or its case is not visible."
            ),
        ],
    ) -> Document:
        row = await retry_document(principal=principal_of(info), document_id=document_id)
        return Document.from_model(row)
