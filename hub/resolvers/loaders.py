"""DataLoaders, one set per request, each answering in key order (no N+1 queries)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Hashable, Iterable
from functools import cached_property
from uuid import UUID

from strawberry.dataloader import DataLoader

from hub.auth.principal import Principal
from hub.consultations.queries import consultations_of_cases
from hub.events.timeline import timeline_pages
from hub.green_channel.queries import contacts_of_cases
from hub.materials.listing import (
    CURRENT_MATERIALS,
    materials_of_cases,
    reusable_materials_of_cases,
)
from hub.models import (
    Applicant,
    Case,
    CorrectionNotice,
    Document,
    Notification,
    Project,
    ResultFeedback,
    Ticket,
)
from hub.paging import Page, Window
from hub.row_reads import RowsWhereIn


def _by_id(model):
    read = RowsWhereIn(model, "id")

    async def load(keys: list[UUID]) -> list:
        rows = {row.pk: row for row in await read.fetch(keys)}
        return [rows.get(key) for key in keys]

    return load


def _grouped(rows: Iterable, keys: list[UUID], attr: str) -> list[list]:
    groups: dict[UUID, list] = defaultdict(list)
    for row in rows:
        groups[getattr(row, attr)].append(row)
    return [groups.get(key, []) for key in keys]


def _per_group(
    split: Callable[[Hashable], tuple[Hashable, object]],
    load_group: Callable[[Hashable, list], Awaitable[list]],
):
    """A load function for keys that carry request arguments beside the object they name
    (caller, page window): one `load_group(arguments, objects)` per distinct arguments."""

    async def load(keys: list) -> list:
        groups: dict[Hashable, list] = defaultdict(list)
        for key in keys:
            arguments, target = split(key)
            groups[arguments].append(target)
        answers = {}
        for arguments, targets in groups.items():
            for target, answer in zip(targets, await load_group(arguments, targets), strict=True):
                answers[arguments, target] = answer
        return [answers[split(key)] for key in keys]

    return load


TICKETS = RowsWhereIn(Ticket, "case_id")
DOCUMENTS = RowsWhereIn(Document, "case_id", order_by=("created_at", "version"))
NOTIFICATIONS = RowsWhereIn(Notification, "case_id", order_by=("created_at", "channel"))
RESULTS = RowsWhereIn(ResultFeedback, "ticket_id")


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
            return _grouped(await CURRENT_MATERIALS.fetch(keys), keys, "case_id")

        super().__init__(load_fn=load)


class TicketsByCaseLoader(DataLoader[UUID, list]):
    def __init__(self) -> None:
        async def load(keys: list[UUID]) -> list[list]:
            rows = await TICKETS.fetch(keys)
            order = ["WATER", "POWER", "GAS"]
            rows.sort(key=lambda t: order.index(t.utility))
            return _grouped(rows, keys, "case_id")

        super().__init__(load_fn=load)


class DocumentsByCaseLoader(DataLoader[UUID, list]):
    """Every version; callers drop superseded ones unless asked for them."""

    def __init__(self) -> None:
        async def load(keys: list[UUID]) -> list[list]:
            rows = await DOCUMENTS.fetch(keys)
            return _grouped(rows, keys, "case_id")

        super().__init__(load_fn=load)


class NotificationsByCaseLoader(DataLoader[UUID, list]):
    def __init__(self) -> None:
        async def load(keys: list[UUID]) -> list[list]:
            rows = await NOTIFICATIONS.fetch(keys)
            return _grouped(rows, keys, "case_id")

        super().__init__(load_fn=load)


class ResultByTicketLoader(DataLoader[UUID, ResultFeedback | None]):
    def __init__(self) -> None:
        async def load(keys: list[UUID]) -> list:
            rows = {r.ticket_id: r for r in await RESULTS.fetch(keys)}
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


class GreenChannelByCaseLoader(DataLoader[UUID, list]):
    def __init__(self) -> None:
        async def load(keys: list[UUID]) -> list[list]:
            found = await contacts_of_cases(keys)
            return [found[key] for key in keys]

        super().__init__(load_fn=load)


class ConsultationsByCaseLoader(DataLoader[UUID, list]):
    def __init__(self) -> None:
        async def load(keys: list[UUID]) -> list[list]:
            found = await consultations_of_cases(keys)
            return [found[key] for key in keys]

        super().__init__(load_fn=load)


class VisibleMaterialsByCaseLoader(DataLoader[tuple[Principal, UUID, bool], list]):
    """Keyed by (caller, case id, include superseded): the case's materials the caller may see
    (hub.auth.visibility.visible_materials)."""

    def __init__(self) -> None:
        async def load_group(arguments, case_ids):
            principal, include_superseded = arguments
            return await materials_of_cases(
                principal=principal, case_ids=case_ids, include_superseded=include_superseded
            )

        super().__init__(load_fn=_per_group(lambda k: ((k[0], k[2]), k[1]), load_group))


class ReusableMaterialsByCaseLoader(DataLoader[tuple[Principal, Case], list]):
    """Keyed by (caller, case row): what the case could reuse needs its utilities."""

    def __init__(self) -> None:
        async def load_group(principal, cases):
            return await reusable_materials_of_cases(principal=principal, cases=cases)

        super().__init__(load_fn=_per_group(lambda k: k, load_group))


class EventPageByCaseLoader(DataLoader[tuple[UUID, Window, bool], Page]):
    """Keyed by (case id, page window, whether an applicant reads it): one page of each case's
    timeline."""

    def __init__(self) -> None:
        async def load_group(arguments, case_ids):
            window, applicant = arguments
            return await timeline_pages(case_ids=case_ids, window=window, applicant=applicant)

        super().__init__(load_fn=_per_group(lambda k: ((k[1], k[2]), k[0]), load_group))


def _made_on_use(loader_class: type[DataLoader]) -> cached_property:
    return cached_property(lambda _loaders: loader_class())


class Loaders:
    """Created per request in the GraphQL context; each loader when first used (a request
    reads a few of them, and a DataLoader costs its making)."""

    case_by_id = _made_on_use(CaseByIdLoader)
    applicant_by_id = _made_on_use(ApplicantByIdLoader)
    project_by_id = _made_on_use(ProjectByIdLoader)
    materials_by_case = _made_on_use(MaterialsByCaseLoader)
    tickets_by_case = _made_on_use(TicketsByCaseLoader)
    documents_by_case = _made_on_use(DocumentsByCaseLoader)
    notifications_by_case = _made_on_use(NotificationsByCaseLoader)
    result_by_ticket = _made_on_use(ResultByTicketLoader)
    corrections_by_case = _made_on_use(CorrectionsByCaseLoader)
    green_channel_by_case = _made_on_use(GreenChannelByCaseLoader)
    consultations_by_case = _made_on_use(ConsultationsByCaseLoader)
    visible_materials_by_case = _made_on_use(VisibleMaterialsByCaseLoader)
    reusable_materials_by_case = _made_on_use(ReusableMaterialsByCaseLoader)
    event_page_by_case = _made_on_use(EventPageByCaseLoader)
