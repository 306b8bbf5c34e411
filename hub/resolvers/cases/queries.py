from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.cases.orderings import case_ordering
from hub.cases.queries import CaseQuery, find_case, list_cases
from hub.errors import BadUserInput
from hub.materials.downloads import material_download_url
from hub.resolvers.arguments import AFTER, FIRST, MATERIAL_ID
from hub.resolvers.context import principal_of
from hub.schema.cases import Case, CaseConnection, CaseFilter, CaseOrder, case_nodes
from hub.schema.common import Connection
from hub.schema.compiled import (
    answer_case,
    answer_columns,
    compiled_case_selection,
    completed_page,
)
from hub.values import InvalidInput


@strawberry.type
class CaseQueries:
    @strawberry.field(
        description="一个案件；不存在或调用方看不到时为 null（申请人看本企业的，供水/电/气单位自派"
        "单起看持有其工单的案件，窗口人员和管理员看全部）。A case, or null when it does not exist "
        "or the caller may not see it (applicants their enterprise's, utilities those holding one "
        "of their tickets from its dispatch on, window staff and admins every case)."
    )
    async def case(
        self,
        info: Info,
        id: Annotated[
            strawberry.ID,
            strawberry.argument(
                description="案件 id（不透明字符串）。The case's id (an opaque string)."
            ),
        ],
    ) -> Case | None:
        compiled = compiled_case_selection(info)
        if compiled is not None:  # the window's case page: one statement finds and answers
            return await answer_case(compiled, id)
        row = await find_case(principal=principal_of(info), case_id=id)
        if row is None:
            return None
        return (await case_nodes(info, [row], None))(row)

    @strawberry.field(
        description="材料的限时下载地址，每次签发都记入审计；供水/电/气单位只能下载本单位业务需要的"
        "材料和工单审批结果。An expiring download address of a material, each one audited; a "
        "utility gets only the materials its requirements need and the tickets' approval "
        "results. Errors: NOT_FOUND, FORBIDDEN (a visible case, a material your utility does not "
        "need), BAD_USER_INPUT, UPSTREAM_UNAVAILABLE."
    )
    async def material_download_url(
        self,
        info: Info,
        material_id: Annotated[strawberry.ID, MATERIAL_ID],
        ttl_seconds: Annotated[
            int | None,
            strawberry.argument(
                description="地址有效秒数，1 到 3600，null 为 300。Lifetime of the address in "
                "seconds, 1 to 3600; null: 300."
            ),
        ] = None,
    ) -> str:
        return await material_download_url(
            principal=principal_of(info), material_id=material_id, ttl_seconds=ttl_seconds
        )

    @strawberry.field(
        description="调用方可见的案件（可见范围同 case），按键集游标分页，默认最新创建的在前。"
        "The cases the caller may see (as for case), in keyset pages, newest first by default. "
        "Errors: BAD_USER_INPUT (first, after, a filter value)."
    )
    async def cases(
        self,
        info: Info,
        filter: Annotated[
            CaseFilter | None,
            strawberry.argument(
                description="筛选条件，各条件同时满足；null 为不筛选。Filters, all of which must "
                "hold; null: none."
            ),
        ] = None,
        order_by: Annotated[
            CaseOrder | None,
            strawberry.argument(
                description="排序，null 为 CREATED_AT DESC；同值按 id，空的期限排最后。The order, "
                "null: CREATED_AT DESC; ties by id, empty deadlines last."
            ),
        ] = None,
        first: Annotated[int | None, FIRST] = 20,
        after: Annotated[str | None, AFTER] = None,
    ) -> CaseConnection:
        order = order_by or CaseOrder()
        compiled = compiled_case_selection(info, "edges", "node")
        page = await list_cases(
            principal=principal_of(info),
            query=case_query(filter),
            ordering=case_ordering(order.field, order.direction),
            first=first,
            after=after,
            also=answer_columns(compiled),
        )
        nodes = await case_nodes(info, page.rows, compiled, "edges", "node")
        if compiled is not None and (completed := completed_page(info, page, nodes)):
            return completed
        return Connection.of(page, nodes)


def case_query(filter: CaseFilter | None) -> CaseQuery:
    """What `cases(filter)` selects, for every root field that takes a CaseFilter."""
    f = filter or CaseFilter()
    if isinstance(f.due_before, InvalidInput):
        raise BadUserInput.one("filter.dueBefore", f.due_before.reason)
    return CaseQuery(
        status=f.status,
        utility=f.utility,
        overdue=f.overdue,
        due_before=f.due_before,
        search=f.search,
        applicant_uscc=f.applicant_uscc,
        key_project=f.key_project,
    )
