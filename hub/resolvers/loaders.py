"""DataLoaders, one set per request, each answering in key order (no N+1 queries)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from uuid import UUID

from strawberry.dataloader import DataLoader

from hub.materials.queries import current_materials
from hub.models import (
    Applicant,
    Case,
    CorrectionNotice,
    Document,
    Project,
    ResultFeedback,
    Ticket,
)


def _by_id(model):
    async def load(keys: list[UUID]) -> list:
        rows = {row.pk: row for row in await model.filter(pk__in=keys)}
        return [rows.get(key) for key in keys]

    return load


def _grouped(rows: Iterable, keys: list[UUID], attr: str) -> list[list]:
    groups: dict[UUID, list] = defaultdict(list)
    for row in rows:
        groups[getattr(row, attr)].append(row)
    return [groups.get(key, []) for key in keys]


class CaseByIdLoader(DataLoader[UUID, Case | None]):
    def __init__(self) -> None:
        super().__init__(load_fn=_by_id(Case))


class ApplicantByIdLoader(DataLoader[UUID, Applicant | None]):
    def __init__(self) -> None:
        super().__init__(load_fn=_by_id(Applicant))


class ProjectByIdLoader(DataLoader[UUID, Project | None]):
    def __init__(self) -> None:
        super().__init__(load_fn=_by_id(Project))


class MaterialsByCaseLoader(DataLoader[UUID, list]):
    def __init__(self) -> None:
        async def load(keys: list[UUID]) -> list[list]:
            rows = await current_materials(keys).order_by("created_at", "id")
            return _grouped(rows, keys, "case_id")

        super().__init__(load_fn=load)


class TicketsByCaseLoader(DataLoader[UUID, list]):
    def __init__(self) -> None:
        async def load(keys: list[UUID]) -> list[list]:
            rows = await Ticket.filter(case_id__in=keys)
            order = ["WATER", "POWER", "GAS"]
            rows.sort(key=lambda t: order.index(t.utility))
            return _grouped(rows, keys, "case_id")

        super().__init__(load_fn=load)


class DocumentsByCaseLoader(DataLoader[UUID, list]):
    """Every version; callers drop superseded ones unless asked for them."""

    def __init__(self) -> None:
        async def load(keys: list[UUID]) -> list[list]:
            rows = await Document.filter(case_id__in=keys).order_by("created_at", "version")
            return _grouped(rows, keys, "case_id")

        super().__init__(load_fn=load)


class ResultByTicketLoader(DataLoader[UUID, ResultFeedback | None]):
    def __init__(self) -> None:
        async def load(keys: list[UUID]) -> list:
            rows = {r.ticket_id: r for r in await ResultFeedback.filter(ticket_id__in=keys)}
            return [rows.get(key) for key in keys]

        super().__init__(load_fn=load)


class CorrectionsByCaseLoader(DataLoader[UUID, list]):
    def __init__(self) -> None:
        async def load(keys: list[UUID]) -> list[list]:
            rows = (
                await CorrectionNotice.filter(case_id__in=keys)
                .order_by("issued_at")
                .prefetch_related("items")
            )
            return _grouped(rows, keys, "case_id")

        super().__init__(load_fn=load)


class Loaders:
    """Created per request in the GraphQL context."""

    def __init__(self) -> None:
        self.case_by_id = CaseByIdLoader()
        self.applicant_by_id = ApplicantByIdLoader()
        self.project_by_id = ProjectByIdLoader()
        self.materials_by_case = MaterialsByCaseLoader()
        self.tickets_by_case = TicketsByCaseLoader()
        self.documents_by_case = DocumentsByCaseLoader()
        self.result_by_ticket = ResultByTicketLoader()
        self.corrections_by_case = CorrectionsByCaseLoader()
