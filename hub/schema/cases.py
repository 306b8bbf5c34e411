"""The case: one application for any mix of water, power and gas."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from hub.auth.visibility import sees_full_personal_data
from hub.enums import Utility as UtilityValue
from hub.events.timeline import TIMELINE_ORDER, TIMELINE_PAGE
from hub.materials.figures import material_figures
from hub.materials.queries import checklist_seen_by
from hub.models import Case as CaseRow
from hub.paging import page_window
from hub.schema.common import Connection
from hub.schema.documents import Document
from hub.schema.enums import CaseOrderField, CaseStatus, OrderDirection, Utility
from hub.schema.events import CaseEvent, CaseEventConnection
from hub.schema.materials import Material, MaterialFigures
from hub.schema.rows import from_row
from hub.schema.scalars import JSON, DateTime
from hub.validation.identifiers import mask_id_number, mask_phone
from hub.workflow.case_flow import allowed_case_actions

if TYPE_CHECKING:
    from hub.schema.tickets import Ticket

TicketType = Annotated["Ticket", strawberry.lazy("hub.schema.tickets")]


@strawberry.type
class Applicant:
    uscc: str
    name: str
    contact_name: str
    contact_phone: str
    agent_id_number: str | None


@strawberry.type
class Project:
    name: str
    code: str | None
    address: str
    property_title_no: str | None


@strawberry.type
class ChecklistItem:
    requirement_code: str
    title: str
    mandatory: bool
    satisfied: bool
    material_ids: list[strawberry.ID]


@strawberry.type
class Case:
    row: strawberry.Private[CaseRow]
    id: strawberry.ID
    case_no: str
    status: CaseStatus
    utilities: list[Utility]
    survey_appointment: DateTime | None
    is_key_project: bool
    licence_consent: bool
    filed_on_behalf: bool
    reply_due_at: DateTime | None
    created_at: DateTime
    submitted_at: DateTime | None
    accepted_at: DateTime | None
    replied_at: DateTime | None
    withdrawn_at: DateTime | None
    withdrawal_reason: str | None

    @classmethod
    def from_model(cls, row: CaseRow) -> Case:
        return from_row(
            cls,
            row,
            row=row,
            utilities=[UtilityValue(u) for u in row.utilities],
            licence_consent=row.licence_consent_at is not None,
        )

    @strawberry.field
    async def applicant(self, info: Info) -> Applicant:
        enterprise = await info.context.loaders.applicant_by_id.load(self.row.applicant_id)
        full_ids, full_phones = sees_full_personal_data(info.context.principal, handles_case=True)
        agent_id = self.row.agent_id_number
        return Applicant(
            uscc=enterprise.uscc,
            name=enterprise.name,
            contact_name=self.row.contact_name,
            contact_phone=self.row.contact_phone
            if full_phones
            else mask_phone(self.row.contact_phone),
            agent_id_number=agent_id
            if (full_ids or agent_id is None)
            else mask_id_number(agent_id),
        )

    @strawberry.field
    async def project(self, info: Info) -> Project:
        row = await info.context.loaders.project_by_id.load(self.row.project_id)
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
        description="Current materials the caller may see; corrected ones too when asked."
    )
    async def materials(
        self, info: Info, include_superseded: bool | None = False
    ) -> list[Material]:
        principal = info.context.principal
        rows = await self._materials(info, include_superseded=bool(include_superseded))
        return [Material.from_model(m, principal) for m in rows]

    @strawberry.field(description="How the requirements were met: licences, reuse, uploads.")
    async def material_figures(self, info: Info) -> MaterialFigures:
        figures = material_figures(await info.context.loaders.materials_by_case.load(self.row.id))
        return MaterialFigures(
            by_licence=figures.by_licence,
            by_reuse=figures.by_reuse,
            by_upload=figures.by_upload,
            zero_material=figures.zero_material,
        )

    @strawberry.field(description="True when the case was filed without uploading anything.")
    async def zero_material(self, info: Info) -> bool:
        rows = await info.context.loaders.materials_by_case.load(self.row.id)
        return material_figures(rows).zero_material

    @strawberry.field(
        description="The enterprise's materials on its other cases that this case could reuse."
    )
    async def reusable_materials(self, info: Info) -> list[Material]:
        principal = info.context.principal
        loader = info.context.loaders.reusable_materials_by_case
        return [Material.from_model(m, principal) for m in await loader.load((principal, self.row))]

    @strawberry.field(description="What the chosen utilities require, and what is there.")
    async def checklist(self, info: Info) -> list[ChecklistItem]:
        materials = await self._materials(info)
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

    @strawberry.field
    async def tickets(self, info: Info) -> list[TicketType]:
        from hub.schema.tickets import Ticket

        rows = await info.context.loaders.tickets_by_case.load(self.row.id)
        return [Ticket.from_model(t) for t in rows]

    @strawberry.field(
        description="Current notices of the case and its tickets; superseded ones when asked."
    )
    async def documents(
        self, info: Info, include_superseded: bool | None = False
    ) -> list[Document]:
        rows = await info.context.loaders.documents_by_case.load(self.row.id)
        return [
            Document.from_model(d) for d in rows if include_superseded or d.superseded_at is None
        ]

    @strawberry.field(description="Correction notices, oldest first, each with every item.")
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

    @strawberry.field(description="The case's timeline, oldest first.")
    async def events(
        self, info: Info, first: int | None = TIMELINE_PAGE, after: str | None = None
    ) -> CaseEventConnection:
        window = page_window(TIMELINE_ORDER, first=first, after=after, default=TIMELINE_PAGE)
        page = await info.context.loaders.event_page_by_case.load((self.row.id, window))
        return Connection.of(page, lambda row: CaseEvent.from_model(row, self.case_no))

    @strawberry.field(description="Actions the caller may take on the case now.")
    def allowed_actions(self, info: Info) -> list[str]:
        return [
            str(a)
            for a in allowed_case_actions(
                self.row.status,
                accepted=self.row.accepted_at is not None,
                role=info.context.principal.role,
            )
        ]


CaseConnection = Connection[Case]


@strawberry.input(description="The order of a case list; ties are broken by the case's id.")
class CaseOrder:
    field: CaseOrderField = CaseOrderField.CREATED_AT
    direction: OrderDirection = OrderDirection.DESC


@strawberry.input
class CaseFilter:
    status: list[CaseStatus] | None = None
    utility: Utility | None = None
    overdue: bool | None = None
    due_before: DateTime | None = None
    search: str | None = None
    applicant_uscc: str | None = None
