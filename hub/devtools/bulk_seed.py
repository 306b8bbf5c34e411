"""Synthetic cases in every state, written in bulk: for benchmarks and query-count tests.

Rows are what the services would have written (tickets, materials, documents, results, events),
but inserted with bulk_create so that 10,000 cases take seconds, not minutes.
"""

from __future__ import annotations

import hashlib
import random
import uuid
from datetime import timedelta
from decimal import Decimal

from hub import clock
from hub.enums import (
    CaseStatus,
    DocumentKind,
    EventType,
    MaterialSource,
    ResultOutcome,
    TicketStatus,
    Utility,
)
from hub.figures.tallies_rebuild import rebuild_tallies
from hub.guide.catalogue import requirements_for
from hub.models import (
    Applicant,
    Case,
    CaseEvent,
    Document,
    GasRequest,
    Material,
    PowerRequest,
    Project,
    ResultFeedback,
    Ticket,
    WaterRequest,
)
from hub.validation.identifiers import uscc_check_char

MIXES = [
    [Utility.POWER],
    [Utility.WATER, Utility.POWER],
    [Utility.POWER, Utility.GAS],
    [Utility.WATER, Utility.POWER, Utility.GAS],
    [Utility.GAS],
    [Utility.WATER],
]
STATES = [
    CaseStatus.DRAFT,
    CaseStatus.SUBMITTED,
    CaseStatus.IN_PROGRESS,
    CaseStatus.IN_PROGRESS,
    CaseStatus.IN_PROGRESS,
    CaseStatus.CONSOLIDATING,
    CaseStatus.REPLIED,
    CaseStatus.WITHDRAWN,
]
TICKET_STATES = [
    TicketStatus.PENDING_REVIEW,
    TicketStatus.SURVEY_PENDING,
    TicketStatus.SURVEYED,
    TicketStatus.RESULT_SUBMITTED,
]
BATCH = 500


def _uscc(n: int) -> str:
    body = f"91440200MA{n:07d}"
    return body + uscc_check_char(body)


async def seed_cases(count: int, *, enterprises: int = 200, seed: int = 7) -> int:
    """Writes `count` cases spread over states and utility mixes; returns the number written."""
    rng = random.Random(seed)
    now = clock.now()
    applicants = [
        Applicant(id=uuid.uuid4(), uscc=_uscc(9_000_000 + i), name=f"韶关市样例企业{i}有限公司")
        for i in range(enterprises)
    ]
    await Applicant.bulk_create(applicants, batch_size=BATCH)
    for start in range(0, count, BATCH):
        await _seed_batch(rng, applicants, start, min(BATCH, count - start), now)
    await rebuild_tallies()  # rows written without the services: the figures' tallies
    return count


async def _seed_batch(rng, applicants, start, size, now) -> None:
    rows: dict[type, list] = {
        m: []
        for m in (
            Project,
            Case,
            PowerRequest,
            WaterRequest,
            GasRequest,
            Ticket,
            Material,
            Document,
            ResultFeedback,
            CaseEvent,
        )
    }
    for offset in range(size):
        n = start + offset
        applicant = applicants[n % len(applicants)]
        utilities = MIXES[n % len(MIXES)]
        status = STATES[rng.randrange(len(STATES))]
        created = now - timedelta(minutes=n)
        project = Project(
            id=uuid.uuid4(),
            applicant_id=applicant.id,
            name=f"样例工程{n}",
            address=f"韶关市武江区{n}号",
        )
        accepted = status not in (CaseStatus.DRAFT, CaseStatus.SUBMITTED)
        if status == CaseStatus.WITHDRAWN:
            accepted = rng.random() < 0.5
        case = Case(
            id=uuid.uuid4(),
            case_no=f"SDQ-BENCH-{n:06d}",
            status=status,
            applicant_id=applicant.id,
            project_id=project.id,
            utilities=[str(u) for u in utilities],
            contact_name="张三",
            contact_phone="13800000000",
            agent_id_number="440203199001011231",
            survey_appointment=created + timedelta(days=7),
            created_by="bench",
            created_at=created,
            submitted_at=created if status != CaseStatus.DRAFT else None,
            accepted_at=created if accepted else None,
            zero_material_accepted=False if accepted else None,  # every material uploaded
            replied_at=created if status == CaseStatus.REPLIED else None,
        )
        rows[Project].append(project)
        rows[Case].append(case)
        if Utility.POWER in utilities:
            rows[PowerRequest].append(PowerRequest(case_id=case.id, capacity_kw=Decimal("630")))
        if Utility.WATER in utilities:
            rows[WaterRequest].append(WaterRequest(case_id=case.id, daily_volume_m3=Decimal("120")))
        if Utility.GAS in utilities:
            rows[GasRequest].append(GasRequest(case_id=case.id, hourly_volume_m3=Decimal("35")))
        events = [EventType.CASE_CREATED]
        for req in requirements_for(utilities):
            sha = hashlib.sha256(f"{n}:{req.code}".encode()).hexdigest()
            rows[Material].append(
                Material(
                    id=uuid.uuid4(),
                    case_id=case.id,
                    requirement_code=req.code,
                    source=MaterialSource.UPLOAD,
                    filename=f"{req.title}.pdf",
                    content_type="application/pdf",
                    size=1024,
                    sha256=sha,
                    object_key=f"sha256/{sha[:2]}/{sha}",
                    added_by="bench",
                )
            )
            events.append(EventType.MATERIAL_ADDED)
        if status != CaseStatus.DRAFT:
            rows[Document].append(_document(case, DocumentKind.APPLICATION_FORM))
            events.append(EventType.CASE_SUBMITTED)
        if accepted:
            rows[Document].append(_document(case, DocumentKind.RECEIPT_NOTICE))
            events.append(EventType.CASE_ACCEPTED)
            for utility in utilities:
                events.append(EventType.TICKET_DISPATCHED)
                rows[Ticket].append(
                    ticket := Ticket(
                        id=uuid.uuid4(),
                        case_id=case.id,
                        utility=utility,
                        status=_ticket_state(rng, status),
                        dispatched_at=created,
                        review_started_at=created,
                    )
                )
                if ticket.status == TicketStatus.RESULT_SUBMITTED:
                    rows[ResultFeedback].append(
                        ResultFeedback(
                            ticket_id=ticket.id,
                            utility=utility,
                            outcome=ResultOutcome.APPROVED,
                            external_works=False,
                            renovation_advice="按图施工",
                            design_plan="简易方案",
                            quote_amount=Decimal("1000.00"),
                            submitted_by="bench",
                            submitted_at=created,
                        )
                    )
                    rows[Document].append(
                        _document(case, DocumentKind.RESULT_FEEDBACK_FORM, ticket=ticket)
                    )
        for event_type in events:
            rows[CaseEvent].append(
                CaseEvent(
                    case_id=case.id,
                    type=str(event_type),
                    actor="bench",
                    role="window",
                    data={},
                    at=created,
                )
            )
    for model, items in rows.items():
        if items:
            await model.bulk_create(items, batch_size=BATCH)


def _ticket_state(rng, case_status: CaseStatus) -> TicketStatus:
    if case_status == CaseStatus.WITHDRAWN:
        return TicketStatus.CANCELLED
    if case_status in (CaseStatus.CONSOLIDATING, CaseStatus.REPLIED):
        return TicketStatus.RESULT_SUBMITTED
    return TICKET_STATES[rng.randrange(len(TICKET_STATES))]


def _document(case: Case, kind: DocumentKind, ticket: Ticket | None = None) -> Document:
    return Document(
        id=uuid.uuid4(),
        case_id=case.id,
        ticket_id=ticket.id if ticket else None,
        kind=kind,
        verification_code=uuid.uuid4().hex[:24],
    )
