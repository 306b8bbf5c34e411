"""The rows of a cases export, read as plain values (no ORM objects) in keyset batches of
BATCH cases, oldest first: four queries a batch (cases with their applicant and project,
tickets, result forms, current filing materials)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from types import SimpleNamespace

from tortoise.expressions import Q

from hub.auth.principal import Principal
from hub.cases.queries import CaseQuery, filter_cases
from hub.enums import ResultOutcome, Utility
from hub.figures.sheet import ExportRow, UtilityResult
from hub.materials.figures import material_figures
from hub.materials.queries import current_materials
from hub.models import ResultFeedback, Ticket

BATCH = 1000
CASE_COLUMNS = (
    "id",
    "created_at",
    "case_no",
    "applicant__name",
    "applicant__uscc",
    "project__name",
    "utilities",
    "status",
    "submitted_at",
    "accepted_at",
    "replied_at",
    "reply_working_days",
    "reply_on_time",
    "is_key_project",
)


async def case_batches(principal: Principal, query: CaseQuery) -> AsyncIterator[list[dict]]:
    """The selected cases as dicts of CASE_COLUMNS, a batch at a time (keyset on created_at, id:
    each batch starts strictly after the last row of the one before)."""
    selected = filter_cases(principal, query)
    last: dict | None = None
    while True:
        batch = selected
        if last is not None:
            batch = batch.filter(
                Q(created_at__gt=last["created_at"])
                | Q(created_at=last["created_at"], id__gt=last["id"])
            )
        cases = await batch.order_by("created_at", "id").limit(BATCH).values(*CASE_COLUMNS)
        if not cases:
            return
        yield cases
        if len(cases) < BATCH:
            return
        last = cases[-1]


async def _results_by_case(ids: list) -> dict:
    tickets = await Ticket.filter(case_id__in=ids).values("id", "case_id", "utility")
    forms = {
        r["ticket_id"]: r
        for r in await ResultFeedback.filter(ticket__case_id__in=ids).values(
            "ticket_id", "outcome", "quote_amount"
        )
    }
    by_case: dict = {}
    for ticket in tickets:
        form = forms.get(ticket["id"])
        by_case.setdefault(ticket["case_id"], {})[Utility(ticket["utility"])] = UtilityResult(
            outcome=ResultOutcome(form["outcome"]) if form else None,
            quote=form["quote_amount"] if form else None,
        )
    return by_case


async def _zero_material_by_case(ids: list) -> dict:
    materials: dict = {}
    for material in await current_materials(ids).values(
        "case_id", "ticket_id", "requirement_code", "source"
    ):
        materials.setdefault(material["case_id"], []).append(SimpleNamespace(**material))
    return {case_id: material_figures(found).zero_material for case_id, found in materials.items()}


async def export_rows(cases: list[dict]) -> list[ExportRow]:
    ids = [case["id"] for case in cases]
    results, zero_material = await _results_by_case(ids), await _zero_material_by_case(ids)
    return [
        ExportRow(
            case_no=case["case_no"],
            enterprise=case["applicant__name"],
            uscc=case["applicant__uscc"],
            project=case["project__name"],
            utilities=list(case["utilities"]),
            status=case["status"],
            received_at=case["submitted_at"],
            accepted_at=case["accepted_at"],
            replied_at=case["replied_at"],
            working_days_to_reply=case["reply_working_days"],
            on_time=case["reply_on_time"],
            results=results.get(case["id"], {}),
            zero_material=zero_material.get(case["id"], False),
            key_project=case["is_key_project"],
        )
        for case in cases
    ]
