from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.figures.export import export_seen_by, request_export
from hub.figures.period import MAX_DAYS
from hub.figures.queries import figures_for
from hub.resolvers.cases.queries import case_query
from hub.resolvers.context import principal_of
from hub.schema.cases import CaseFilter
from hub.schema.documents import DocumentFile
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

    @strawberry.field(
        description="把筛选出的案件（同 cases 的筛选，最早创建的在前）导出为一个 XLSX（窗口人员、"
        "管理员）：立即返回 status 为 PENDING 的文件，后台任务写完后为 READY，用 "
        "casesExportFile(id) 查询。每案一行，中文表头（案件编号、申请企业、统一社会信用代码、"
        "项目名称、报装业务、状态、收件/受理/答复时间、答复用时（工作日）、按时答复、各业务结果和"
        "报价、零材料、重点项目），首行冻结，时间为本地时间的日期单元格。downloadUrl 限时且每次签发"
        "均记入审计。"
        "Exports the cases the filter selects (as in cases, oldest first) as one XLSX (window "
        "staff, admins): returns at once a file whose status is PENDING, READY once a job wrote "
        "it; ask again with casesExportFile(id). A row per case, Chinese headers (case number, "
        "enterprise, USCC, project, utilities, status, received / accepted / replied, working "
        "days to reply, on time, each utility's result and quote, zero-material, key project), "
        "the header row frozen, instants as date cells in local time. Its downloadUrl expires "
        "and each one issued is audited. Errors: FORBIDDEN (other roles), BAD_USER_INPUT (a "
        "filter value), UPSTREAM_UNAVAILABLE (the job queue)."
    )
    async def cases_export(
        self,
        info: Info,
        filter: Annotated[
            CaseFilter | None,
            strawberry.argument(
                description="筛选条件，同 cases；null 为全部案件。Filters, as for cases; null: "
                "every case."
            ),
        ] = None,
    ) -> DocumentFile:
        export = await request_export(principal=principal_of(info), query=case_query(filter))
        return DocumentFile.of_export(export)

    @strawberry.field(
        description="再次查询自己请求的案件导出（管理员可查全部）：PENDING、READY（此时有 "
        "downloadUrl）或 FAILED。A cases export asked for again by its requester (admins: any): "
        "PENDING, READY (with its downloadUrl) or FAILED. Errors: FORBIDDEN (other roles), "
        "NOT_FOUND (no such export of the caller's)."
    )
    async def cases_export_file(
        self,
        info: Info,
        id: Annotated[
            strawberry.ID,
            strawberry.argument(description="casesExport 返回的 id。The id casesExport returned."),
        ],
    ) -> DocumentFile:
        return DocumentFile.of_export(await export_seen_by(principal_of(info), str(id)))
