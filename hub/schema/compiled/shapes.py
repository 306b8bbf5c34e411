"""What the compiled statement may answer, type by type: each field a SQL expression giving the
value the resolver gives, already in GraphQL's output form (ids as text, enums by the name the
database stores, `Decimal` money as its two-decimal text), in SQL that PostgreSQL and SQLite
both read (their differences are the compiler's: hub/schema/compiled/dialects.py). `{self}`
is the alias of the type's row, `{parent}` that of the row the type was reached from.

A field left out here (masked values, anything with a resolver of its own) makes
the selection go the resolvers' way. tests/schema/test_compiled_cases.py compares every field
listed here with the resolvers' answer."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """A leaf: `sql` gives its output value, of `kind`: "value" as the database gives it,
    "text" (an id, money: PostgreSQL's cast to text), "json" (a JSON column, embedded as JSON),
    "bool" (SQLite's 0 or 1 written as JSON false or true)."""

    sql: str
    kind: str = "value"


@dataclass(frozen=True)
class Moment:
    """A DateTime leaf: `sql` gives the instant (timestamptz), written as the DateTime scalar
    writes it (ISO 8601 in the hub's time zone, microseconds only when there are any)."""

    sql: str


@dataclass(frozen=True)
class Related:
    """An object or a list of objects of `type_name`: the rows `source` selects (a FROM … WHERE
    … clause), in `order` for a list."""

    type_name: str
    source: str
    many: bool = False
    order: str = ""


@dataclass(frozen=True)
class Checklist:
    """Case.checklist: computed in Python from the case's utilities and current materials, as
    the resolver computes it (hub/materials/checklist.py)."""


Shape = Column | Moment | Related | Checklist

CURRENT_MATERIALS = (
    "{self}.case_id = {parent}.id AND {self}.removed_at IS NULL AND {self}.superseded_by_id IS NULL"
)

SHAPES: dict[str, dict[str, Shape]] = {
    "Case": {
        "id": Column("{self}.id", "text"),
        "caseNo": Column("{self}.case_no"),
        "status": Column("{self}.status"),
        "utilities": Column("{self}.utilities", "json"),
        "isKeyProject": Column("{self}.is_key_project", "bool"),
        "licenceConsent": Column("{self}.licence_consent_at IS NOT NULL", "bool"),
        "filedOnBehalf": Column("{self}.filed_on_behalf", "bool"),
        "withdrawalReason": Column("{self}.withdrawal_reason"),
        "surveyAppointment": Moment("{self}.survey_appointment"),
        "replyDueAt": Moment("{self}.reply_due_at"),
        "createdAt": Moment("{self}.created_at"),
        "submittedAt": Moment("{self}.submitted_at"),
        "acceptedAt": Moment("{self}.accepted_at"),
        "repliedAt": Moment("{self}.replied_at"),
        "withdrawnAt": Moment("{self}.withdrawn_at"),
        "applicant": Related(
            "Applicant", 'FROM "applicant" {self} WHERE {self}.id = {parent}.applicant_id'
        ),
        "project": Related(
            "Project", 'FROM "project" {self} WHERE {self}.id = {parent}.project_id'
        ),
        "materials": Related(
            "Material",
            f'FROM "material" {{self}} WHERE {CURRENT_MATERIALS}',
            many=True,
            order="{self}.created_at, {self}.id",
        ),
        "documents": Related(
            "Document",
            'FROM "document" {self} WHERE {self}.case_id = {parent}.id '
            "AND {self}.superseded_at IS NULL",
            many=True,
            order="{self}.created_at, {self}.version",
        ),
        "tickets": Related(
            "Ticket",
            'FROM "ticket" {self} WHERE {self}.case_id = {parent}.id',
            many=True,
            order="CASE {self}.utility WHEN 'WATER' THEN 1 WHEN 'POWER' THEN 2 ELSE 3 END",
        ),
        "checklist": Checklist(),
    },
    # Unmasked: compiled only for callers who see personal data in full.
    "Applicant": {
        "uscc": Column("{self}.uscc"),
        "name": Column("{self}.name"),
        "contactName": Column("{parent}.contact_name"),
        "contactPhone": Column("{parent}.contact_phone"),
        "contactEmail": Column("{parent}.contact_email"),
        "agentIdNumber": Column("{parent}.agent_id_number"),
    },
    "Project": {
        "name": Column("{self}.name"),
        "code": Column("{self}.code"),
        "address": Column("{self}.address"),
        "propertyTitleNo": Column("{self}.property_title_no"),
    },
    "Material": {
        "id": Column("{self}.id", "text"),
        "requirementCode": Column("{self}.requirement_code"),
        "source": Column("{self}.source"),
        "filename": Column("{self}.filename"),
        "contentType": Column("{self}.content_type"),
        "size": Column("{self}.size"),
        "sha256": Column("{self}.sha256"),
        "ticketId": Column("{self}.ticket_id", "text"),
        "superseded": Column("{self}.superseded_by_id IS NOT NULL", "bool"),
        "createdAt": Moment("{self}.created_at"),
    },
    "Document": {
        "id": Column("{self}.id", "text"),
        "kind": Column("{self}.kind"),
        "status": Column("{self}.status"),
        "version": Column("{self}.version"),
        "superseded": Column("{self}.superseded_at IS NOT NULL", "bool"),
        "ticketId": Column("{self}.ticket_id", "text"),
        "consultationId": Column("{self}.consultation_id", "text"),
        "filename": Column("{self}.filename"),
        "size": Column("{self}.size"),
        "error": Column("{self}.error"),
        "attempts": Column("{self}.attempts"),
        "createdAt": Moment("{self}.created_at"),
        "readyAt": Moment("{self}.ready_at"),
    },
    "Ticket": {
        "id": Column("{self}.id", "text"),
        "utility": Column("{self}.utility"),
        "status": Column("{self}.status"),
        "decision": Column("{self}.decision"),
        "reasons": Column("{self}.reasons"),
        "dispatchedAt": Moment("{self}.dispatched_at"),
        "reviewStartedAt": Moment("{self}.review_started_at"),
        "reviewDueAt": Moment("{self}.review_due_at"),
        "feedbackDueAt": Moment("{self}.feedback_due_at"),
        "surveyedAt": Moment("{self}.surveyed_at"),
        "result": Related(
            "ResultFeedback", 'FROM "result_feedback" {self} WHERE {self}.ticket_id = {parent}.id'
        ),
    },
    "ResultFeedback": {
        "outcome": Column("{self}.outcome"),
        "externalWorks": Column("{self}.external_works", "bool"),
        "renovationAdvice": Column("{self}.renovation_advice"),
        "designPlan": Column("{self}.design_plan"),
        "quoteAmount": Column("{self}.quote_amount", "text"),
        "externalWorksInfo": Column("{self}.external_works_info"),
        "reasons": Column("{self}.reasons"),
        "zeroVisit": Column("{self}.zero_visit", "bool"),
        "zeroApproval": Column("{self}.zero_approval", "bool"),
        "zeroCost": Column("{self}.zero_cost", "bool"),
        "submittedBy": Column("{self}.submitted_by"),
        "submittedAt": Moment("{self}.submitted_at"),
    },
}

# Checklist items, from hub.materials.checklist.ChecklistEntry.
CHECKLIST_ITEM = {
    "requirementCode": lambda e: e.requirement_code,
    "title": lambda e: e.title,
    "mandatory": lambda e: e.mandatory,
    "satisfied": lambda e: e.satisfied,
    "materialIds": lambda e: list(e.material_ids),
}
