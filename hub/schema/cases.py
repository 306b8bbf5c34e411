"""The case: one application for any mix of water, power and gas."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from hub.auth.visibility import sees_full_personal_data
from hub.cases import review_due
from hub.enums import Role
from hub.enums import Utility as UtilityValue
from hub.events.timeline import TIMELINE_ORDER, TIMELINE_PAGE
from hub.materials.figures import material_figures
from hub.materials.queries import checklist_seen_by
from hub.models import Case as CaseRow
from hub.paging import page_window
from hub.schema.common import Connection
from hub.schema.compiled import CompiledCase, Precompleted, answers_of_rows
from hub.schema.consultations import Consultation
from hub.schema.documents import Document
from hub.schema.enums import CaseAction, CaseOrderField, CaseStatus, OrderDirection, Utility
from hub.schema.events import CaseEvent, CaseEventConnection
from hub.schema.green_channel import GreenChannelContact
from hub.schema.loaded import NOT_LOADED, already_loaded, selected_below
from hub.schema.materials import Material, MaterialFigures
from hub.schema.notifications import Notification
from hub.schema.rows import from_row
from hub.schema.scalars import JSON, DateTime
from hub.validation.email_address import mask_email
from hub.validation.identifiers import mask_id_number, mask_phone
from hub.workflow.case_flow import allowed_case_actions

if TYPE_CHECKING:
    from hub.schema.tickets import Ticket

TicketType = Annotated["Ticket", strawberry.lazy("hub.schema.tickets")]


@strawberry.type(description="申请企业及其经办人。The applying enterprise and its agent.")
class Applicant:
    uscc: str = strawberry.field(
        description="统一社会信用代码，18 位（GB 32100-2015）。The enterprise's USCC, 18 "
        "characters (GB 32100-2015)."
    )
    name: str = strawberry.field(description="企业名称。The enterprise's name.")
    contact_name: str = strawberry.field(description="经办人姓名。The agent's name.")
    contact_phone: str = strawberry.field(
        description="经办人电话；申请人、窗口和办理该案的供能企业看到完整号码，其他人看到 "
        "138****0000 形式。The agent's phone: in full for the applicant, the window and the "
        "utilities handling the case, masked (138****0000) for anyone else."
    )
    contact_email: str | None = strawberry.field(
        description="经办人电子邮箱（告知邮件发往此处）；看到完整电话的人看到完整地址，其他人看到 "
        "z***@example.com 形式；未填时为 null。The agent's e-mail address, where notifications "
        "go: in full for whoever sees the phone in full, else masked (z***@example.com); null "
        "when not given."
    )
    agent_id_number: str | None = strawberry.field(
        description="经办人居民身份证号码；仅申请人本人、窗口和管理员看到完整号码，其他人看到"
        "前 6 位和后 4 位；未填时为 null。The agent's resident ID number: in full for the "
        "applicant, the window and admins only, else masked as 440203********1231; null when "
        "not given."
    )


@strawberry.type(description="报装的建设项目。The construction project to connect.")
class Project:
    name: str = strawberry.field(description="项目名称。The project's name.")
    code: str | None = strawberry.field(
        description="全国投资项目代码（如 2026-440203-44-01-000123）；未填时为 null。The "
        "national project code, e.g. 2026-440203-44-01-000123; null when not given."
    )
    address: str = strawberry.field(description="项目地址。The project's address.")
    property_title_no: str | None = strawberry.field(
        description="不动产权证号；未填时为 null。The real-estate title number; null when not "
        "given."
    )


@strawberry.type(
    description="所选报装业务要求的一项材料及其是否已备齐。One material the chosen utilities "
    "require, and whether it is there."
)
class ChecklistItem:
    requirement_code: str = strawberry.field(
        description="办事指南中的材料代码（Requirement.code）。The requirement's code in the "
        "service guide (Requirement.code)."
    )
    title: str = strawberry.field(description="材料名称。The material's title.")
    mandatory: bool = strawberry.field(
        description="是否必需：缺少必需材料时 acceptCase 报 MISSING_MATERIALS。Whether it is "
        "required: acceptCase answers MISSING_MATERIALS while a required one is missing."
    )
    satisfied: bool = strawberry.field(
        description="是否已有现行材料满足此项。Whether a current material meets it."
    )
    material_ids: list[strawberry.ID] = strawberry.field(
        description="满足此项的现行材料 ID。The ids of the current materials that meet it."
    )


@strawberry.type(
    description="一次报装申请，水、电、气任选组合。申请人看到本企业的案件，窗口和管理员看到全部，"
    "供能企业自派发本单位工单起可见。One application for any mix of water, power and gas: an "
    "applicant sees its enterprise's cases, the window and admins all, a utility those holding "
    "its ticket."
)
class Case:
    row: strawberry.Private[CaseRow]
    id: strawberry.ID = strawberry.field(
        description="案件 ID（不透明字符串，各处一致）。The case's opaque id, the same everywhere."
    )
    case_no: str = strawberry.field(
        description="案件编号 SDQ-YYYYMMDD-NNNN，按本地日期编号。The case number, "
        "SDQ-YYYYMMDD-NNNN, numbered per local day."
    )
    status: CaseStatus = strawberry.field(description="案件状态。The case's state.")
    utilities: list[Utility] = strawberry.field(
        description="所选报装业务，按 WATER、POWER、GAS 顺序。The chosen utilities."
    )
    survey_appointment: DateTime | None = strawberry.field(
        description="预约勘察时间：工作日办公时间内（08:30-12:00、14:30-17:30，+08:00）。The "
        "booked site survey time, within office hours of a working day (+08:00)."
    )
    is_key_project: bool = strawberry.field(
        description="是否重点项目或招商引资项目（绿色通道）。Whether it is a key or investment "
        "project (green channel)."
    )
    licence_consent: bool = strawberry.field(
        description="申请人是否已授权调取电子证照（pullLicences 的前提，否则 CONSENT_REQUIRED）。"
        "Whether the applicant consented to licence pulls; pullLicences needs it."
    )
    filed_on_behalf: bool = strawberry.field(
        description="是否由窗口帮办代办创建。Whether window staff filed it for the enterprise."
    )
    reply_due_at: DateTime | None = strawberry.field(
        description="统一答复截止时间（收到最后一份结果后 0.5 个工作日）；汇总开始前为 null。"
        "The consolidated reply's deadline, 0.5 working day after the last result; null before "
        "consolidation."
    )
    created_at: DateTime = strawberry.field(description="创建时间。When the case was created.")
    submitted_at: DateTime | None = strawberry.field(
        description="首次提交时间；草稿为 null。When it was first submitted; null for a draft."
    )
    accepted_at: DateTime | None = strawberry.field(
        description="窗口受理时间；受理前为 null（区分窗口阶段与供能企业阶段）。When the window "
        "accepted it; null before, which tells the window stage from the utility stage."
    )
    replied_at: DateTime | None = strawberry.field(
        description="统一答复时间；答复前为 null。When the reply was issued; null before."
    )
    withdrawn_at: DateTime | None = strawberry.field(
        description="撤回时间；未撤回为 null。When it was withdrawn; null if it was not."
    )
    withdrawal_reason: str | None = strawberry.field(
        description="撤回原因（最多 2000 字符）；未撤回为 null。Why it was withdrawn (at most "
        "2000 characters); null if it was not."
    )

    @classmethod
    def from_model(cls, row: CaseRow) -> Case:
        return from_row(
            cls,
            row,
            row=row,
            utilities=[UtilityValue(u) for u in row.utilities],
            licence_consent=row.licence_consent_at is not None,
        )

    @strawberry.field(
        description="申请企业及经办人（按调用者脱敏）。The applicant, masked for the caller."
    )
    def applicant(self, info: Info) -> Applicant:
        loader = info.context.loaders.applicant_by_id
        enterprise = already_loaded(loader, self.row.applicant_id)
        if enterprise is NOT_LOADED:
            return self._applicant_when_loaded(info)
        return self._applicant(info, enterprise)

    async def _applicant_when_loaded(self, info: Info) -> Applicant:
        enterprise = await info.context.loaders.applicant_by_id.load(self.row.applicant_id)
        return self._applicant(info, enterprise)

    def _applicant(self, info: Info, enterprise) -> Applicant:
        full_ids, full_phones = sees_full_personal_data(info.context.principal, handles_case=True)
        agent_id, email = self.row.agent_id_number, self.row.contact_email
        return Applicant(
            uscc=enterprise.uscc,
            name=enterprise.name,
            contact_name=self.row.contact_name,
            contact_phone=self.row.contact_phone
            if full_phones
            else mask_phone(self.row.contact_phone),
            contact_email=email if (full_phones or email is None) else mask_email(email),
            agent_id_number=agent_id
            if (full_ids or agent_id is None)
            else mask_id_number(agent_id),
        )

    @strawberry.field(description="报装的建设项目。The project to connect.")
    def project(self, info: Info) -> Project:
        row = already_loaded(info.context.loaders.project_by_id, self.row.project_id)
        if row is NOT_LOADED:
            return self._project_when_loaded(info)
        return self._project(row)

    async def _project_when_loaded(self, info: Info) -> Project:
        return self._project(await info.context.loaders.project_by_id.load(self.row.project_id))

    @staticmethod
    def _project(row) -> Project:
        return Project(
            name=row.name,
            code=row.code,
            address=row.address,
            property_title_no=row.property_title_no,
        )

    async def _materials(self, info: Info, *, include_superseded: bool = False) -> list:
        key = (info.context.principal, self.row.id, include_superseded)
        return await info.context.loaders.visible_materials_by_case.load(key)

    @strawberry.field(
        description="调用者可见的现行材料（供能企业只看到本单位所需的材料和工单的审批结果）。"
        "The current materials the caller may see: a utility sees those its requirements need "
        "and the tickets' approval results."
    )
    def materials(
        self,
        info: Info,
        include_superseded: Annotated[
            bool | None,
            strawberry.argument(
                description="为 true 时也列出已被补正替换的材料。True: also the materials that "
                "corrected ones replaced."
            ),
        ] = False,
    ) -> list[Material]:
        principal = info.context.principal
        key = (principal, self.row.id, bool(include_superseded))
        rows = already_loaded(info.context.loaders.visible_materials_by_case, key)
        if rows is NOT_LOADED:
            return self._materials_when_loaded(info, bool(include_superseded))
        return [Material.from_model(m, principal) for m in rows]

    async def _materials_when_loaded(self, info: Info, include_superseded: bool) -> list[Material]:
        principal = info.context.principal
        rows = await self._materials(info, include_superseded=include_superseded)
        return [Material.from_model(m, principal) for m in rows]

    @strawberry.field(
        description="材料如何备齐：电子证照、复用、上传的项数（零材料统计）。How the "
        "requirements were met: by licence, by reuse, by upload."
    )
    async def material_figures(self, info: Info) -> MaterialFigures:
        figures = material_figures(await info.context.loaders.materials_by_case.load(self.row.id))
        return MaterialFigures(
            by_licence=figures.by_licence,
            by_reuse=figures.by_reuse,
            by_upload=figures.by_upload,
            zero_material=figures.zero_material,
        )

    @strawberry.field(
        description="窗口形式审查的目标时间：首次提交后 0.5 个工作日；仅待审查（SUBMITTED）时有值，"
        "其余为 null。受理队列按它显示截止时间和超时。When the window's formal review is due: "
        "half a working day after the first submission; set only while the case waits for it "
        "(SUBMITTED), else null. The window's queue shows it and marks it overdue."
    )
    async def review_due_at(self) -> DateTime | None:
        return await review_due.review_due_at(self.row)

    @strawberry.field(
        description="未上传任何文件即备齐材料时为 true（零材料）。True when the case was filed "
        "without uploading anything (零材料)."
    )
    async def zero_material(self, info: Info) -> bool:
        rows = await info.context.loaders.materials_by_case.load(self.row.id)
        return material_figures(rows).zero_material

    @strawberry.field(
        description="本企业其他案件中可供本案复用的现行材料（attachSharedMaterial），最新在前。"
        "The enterprise's current materials on its other cases that this case could reuse with "
        "attachSharedMaterial, newest first."
    )
    async def reusable_materials(self, info: Info) -> list[Material]:
        principal = info.context.principal
        loader = info.context.loaders.reusable_materials_by_case
        return [Material.from_model(m, principal) for m in await loader.load((principal, self.row))]

    @strawberry.field(
        description="所选报装业务要求的材料清单及备齐情况；供能企业只看到本单位的要求。What the "
        "chosen utilities require and what is there; a utility sees its own requirements only."
    )
    def checklist(self, info: Info) -> list[ChecklistItem]:
        key = (info.context.principal, self.row.id, False)
        materials = already_loaded(info.context.loaders.visible_materials_by_case, key)
        if materials is NOT_LOADED:
            return self._checklist_when_loaded(info)
        return self._checklist(info, materials)

    async def _checklist_when_loaded(self, info: Info) -> list[ChecklistItem]:
        return self._checklist(info, await self._materials(info))

    def _checklist(self, info: Info, materials: list) -> list[ChecklistItem]:
        entries = checklist_seen_by(info.context.principal, self.row, materials)
        return [
            ChecklistItem(
                requirement_code=e.requirement_code,
                title=e.title,
                mandatory=e.mandatory,
                satisfied=e.satisfied,
                material_ids=[strawberry.ID(i) for i in e.material_ids],
            )
            for e in entries
        ]

    @strawberry.field(
        description="各报装业务的工单，受理后生成；受理前为空列表。供能企业看到全部工单（结果互通）。"
        "The tickets, one per utility, made at acceptance (empty before); a utility sees all of "
        "them (results are shared)."
    )
    def tickets(self, info: Info) -> list[TicketType]:
        rows = already_loaded(info.context.loaders.tickets_by_case, self.row.id)
        if rows is NOT_LOADED:
            return self._tickets_when_loaded(info)
        return _tickets(rows)

    async def _tickets_when_loaded(self, info: Info) -> list[TicketType]:
        return _tickets(await info.context.loaders.tickets_by_case.load(self.row.id))

    @strawberry.field(
        description="绿色通道首次联系，每张工单一条，按 WATER、POWER、GAS 顺序；非重点项目或受理前"
        "为空列表，取消重点项目后只留已登记的联系。The green-channel first contacts, one per "
        "ticket, in WATER, POWER, GAS order: empty for a case that is not a key project or not "
        "yet accepted; after unflagging only the recorded ones remain."
    )
    async def green_channel(self, info: Info) -> list[GreenChannelContact]:
        rows = await info.context.loaders.green_channel_by_case.load(self.row.id)
        return [GreenChannelContact.from_contact(c) for c in rows]

    @strawberry.field(
        description="前后台会商，按开始时间排序；纪要文书也在 documents 中。The joint "
        "consultations, by start time; their minutes documents are among `documents` too."
    )
    async def consultations(self, info: Info) -> list[Consultation]:
        rows = await info.context.loaders.consultations_by_case.load(self.row.id)
        return [Consultation.from_view(view) for view in rows]

    @strawberry.field(
        description="案件及其工单的现行文书。The current notices of the case and its tickets."
    )
    def documents(
        self,
        info: Info,
        include_superseded: Annotated[
            bool | None,
            strawberry.argument(
                description="为 true 时也列出已被新版本取代的文书。True: also the versions that "
                "newer ones superseded."
            ),
        ] = False,
    ) -> list[Document]:
        rows = already_loaded(info.context.loaders.documents_by_case, self.row.id)
        if rows is NOT_LOADED:
            return self._documents_when_loaded(info, bool(include_superseded))
        return _documents(rows, bool(include_superseded))

    async def _documents_when_loaded(self, info: Info, include_superseded: bool) -> list[Document]:
        rows = await info.context.loaders.documents_by_case.load(self.row.id)
        return _documents(rows, include_superseded)

    @strawberry.field(
        description="发给申请人的短信和邮件，最早在前；窗口、管理员和申请人可见，其他角色得到空"
        "列表。The SMS and e-mails sent to the applicant, oldest first: for the window, admins "
        "and the applicant; anyone else gets an empty list."
    )
    async def notifications(self, info: Info) -> list[Notification]:
        principal = info.context.principal
        if principal.role not in (Role.WINDOW, Role.ADMIN, Role.APPLICANT):
            return []
        rows = await info.context.loaders.notifications_by_case.load(self.row.id)
        return [Notification.from_model(row, principal) for row in rows]

    @strawberry.field(
        description="补正告知，最早在前：[{id, stage（WINDOW 或 UTILITY）, issuedAt, issuedBy, "
        "resolved, items: [{requirementCode, note, utility}]}]。Correction notices, oldest "
        "first, each with every item; `resolved` once the applicant resubmitted."
    )
    async def corrections(self, info: Info) -> JSON:
        notices = await info.context.loaders.corrections_by_case.load(self.row.id)
        return [
            {
                "id": str(n.id),
                "stage": str(n.stage),
                "issuedAt": n.issued_at.isoformat(),
                "issuedBy": n.issued_by,
                "resolved": n.resolved_at is not None,
                "items": [
                    {
                        "requirementCode": i.requirement_code,
                        "note": i.note,
                        "utility": str(i.utility) if i.utility else None,
                    }
                    for i in sorted(n.items, key=lambda i: i.position)
                ],
            }
            for n in notices
        ]

    @strawberry.field(
        description="案件事件时间线，最早在前，按提交顺序。The case's timeline, oldest first, in "
        "commit order."
    )
    async def events(
        self,
        info: Info,
        first: Annotated[
            int | None,
            strawberry.argument(
                description="本页事件数，默认 50，最多 100，超出为 BAD_USER_INPUT。Events on "
                "this page: 50 by default, at most 100 (else BAD_USER_INPUT)."
            ),
        ] = TIMELINE_PAGE,
        after: Annotated[
            str | None,
            strawberry.argument(
                description="上一页的 endCursor；从其后开始。The previous page's endCursor: the "
                "page starts after it."
            ),
        ] = None,
    ) -> CaseEventConnection:
        window = page_window(TIMELINE_ORDER, first=first, after=after, default=TIMELINE_PAGE)
        applicant = info.context.principal.role == Role.APPLICANT
        page = await info.context.loaders.event_page_by_case.load((self.row.id, window, applicant))
        return Connection.of(page, lambda row: CaseEvent.from_model(row, self.case_no))

    @strawberry.field(
        description="调用者此刻可对案件执行的动作（按状态和角色），其他动作会得到 INVALID_STATE "
        "或 FORBIDDEN。The actions the caller may take on the case now, by state and role; "
        "any other answers INVALID_STATE or FORBIDDEN."
    )
    def allowed_actions(self, info: Info) -> list[CaseAction]:
        return allowed_case_actions(
            self.row.status,
            accepted=self.row.accepted_at is not None,
            role=info.context.principal.role,
        )


def _tickets(rows: list) -> list[TicketType]:
    from hub.schema.tickets import Ticket

    return [Ticket.from_model(t) for t in rows]


def _documents(rows: list, include_superseded: bool) -> list[Document]:
    return [Document.from_model(d) for d in rows if include_superseded or d.superseded_at is None]


async def case_nodes(
    info: Info, rows: list[CaseRow], compiled: CompiledCase | None, *path: str
) -> Callable[[CaseRow], Case | Precompleted]:
    """What answers the Case selected at `path` (below the field being resolved) for each of
    `rows`: the compiled answers selected with them when the selection compiled
    (hub/schema/compiled/), else Case objects whose fields' rows are prefetched."""
    if compiled is None:
        await prefetch(info, rows, *path)
        return Case.from_model
    answers = answers_of_rows(compiled, rows)
    return lambda row: answers[row.id]


async def prefetch(info: Info, rows: list[CaseRow], *path: str) -> None:
    """Loads, for all `rows` at once, what their fields selected at `path` (below the field
    being resolved) answer from: applicant, project, tickets and their results, the current
    materials (materials, checklist) and documents. Those fields then answer without awaiting
    (hub/schema/loaded.py). Through the same loaders, so with the same statements as the fields
    would send; a failure is left for the field to meet."""
    if not rows:
        return
    selected = selected_below(info, *path)
    loaders = info.context.loaders
    loads = []
    if "applicant" in selected:
        loads.append(loaders.applicant_by_id.load_many([r.applicant_id for r in rows]))
    if "project" in selected:
        loads.append(loaders.project_by_id.load_many([r.project_id for r in rows]))
    if "documents" in selected:
        loads.append(loaders.documents_by_case.load_many([r.id for r in rows]))
    current_materials = "checklist" in selected or any(
        arguments.get("includeSuperseded", False) is False
        for arguments in selected.get("materials", [])
    )
    if current_materials:
        principal = info.context.principal
        loads.append(
            loaders.visible_materials_by_case.load_many([(principal, r.id, False) for r in rows])
        )
    if "tickets" in selected:
        loads.append(_tickets_and_results(info, rows, *path))
    if loads:
        await asyncio.gather(*loads, return_exceptions=True)


async def _tickets_and_results(info: Info, rows: list[CaseRow], *path: str) -> None:
    loaders = info.context.loaders
    tickets = await loaders.tickets_by_case.load_many([r.id for r in rows])
    if "result" in selected_below(info, *path, "tickets"):
        await loaders.result_by_ticket.load_many([t.id for group in tickets for t in group])


CaseConnection = Connection[Case]


@strawberry.input(
    description="案件列表的排序；相同时按案件 ID。The order of a case list; ties are broken by "
    "the case's id."
)
class CaseOrder:
    field: CaseOrderField = strawberry.field(
        default=CaseOrderField.CREATED_AT, description="排序字段。What to sort by."
    )
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.DESC, description="排序方向。The direction."
    )


@strawberry.input(
    description="案件列表的筛选条件，各条件同时满足；只在调用者可见的案件中筛选。Filters of a "
    "case list, all of which must hold, over the cases the caller may see."
)
class CaseFilter:
    status: list[CaseStatus] | None = strawberry.field(
        default=None, description="状态之一。In one of these states."
    )
    utility: Utility | None = strawberry.field(
        default=None, description="选择了该报装业务。Having chosen this utility."
    )
    overdue: bool | None = strawberry.field(
        default=None,
        description="true：有进行中的时限已过期（工单审查、结果反馈或统一答复）；false：没有。"
        "True: an open clock (a ticket's review or result, or the reply) is past its deadline; "
        "false: none is.",
    )
    due_before: DateTime | None = strawberry.field(
        default=None,
        description="有进行中的时限在此时间前到期。An open clock ends before this moment.",
    )
    search: str | None = strawberry.field(
        default=None,
        description="在案件编号、项目名称、项目地址、企业名称和信用代码中查找（不区分大小写，"
        "最多 100 字符）。Text found in the case number, project name, project address, "
        "enterprise name or USCC (case-insensitive, at most 100 characters).",
    )
    applicant_uscc: str | None = strawberry.field(
        default=None,
        description="申请企业的统一社会信用代码（最多 50 字符）。The applicant's USCC (at most "
        "50 characters).",
    )
    key_project: bool | None = strawberry.field(
        default=None,
        description="true：只要重点项目（绿色通道）；false：只要其他项目。True: key projects "
        "(green channel) only; false: the others only.",
    )
