from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.figures.period import MAX_DAYS
from hub.figures.queries import figures_for
from hub.resolvers.context import principal_of
from hub.schema.figures import Figures
from hub.schema.scalars import Date


@strawberry.type
class FigureQueries:
    @strawberry.field(
        description="期间内的督查统计（窗口人员、管理员；供水/电/气单位只看到大厅汇总和本单位一行）"
        f"，由数据库汇总，期间至多 {MAX_DAYS} 天。The supervisor's figures for the period (window "
        "staff, admins; a utility's staff see the hall's totals and their own row only), "
        f"aggregated by the database, at most {MAX_DAYS} days. Errors: FORBIDDEN (other roles), "
        "BAD_USER_INPUT (to before from, a longer period)."
    )
    async def figures(
        self,
        info: Info,
        from_: Annotated[
            Date,
            strawberry.argument(
                name="from",
                description="首日（本地日期，含），YYYY-MM-DD。The first day (local date, "
                "included), YYYY-MM-DD.",
            ),
        ],
        to: Annotated[
            Date,
            strawberry.argument(
                description="末日（本地日期，含），不早于 from。The last day (local date, "
                "included), not before from."
            ),
        ],
    ) -> Figures:
        figures = await figures_for(principal=principal_of(info), first=from_, last=to)
        return Figures.of(figures)
