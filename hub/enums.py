"""The hub's vocabularies, shared by the models, the pure rules and the GraphQL schema."""

from __future__ import annotations

from enum import StrEnum


class Utility(StrEnum):
    WATER = "WATER"
    POWER = "POWER"
    GAS = "GAS"


UTILITY_NAMES = {
    Utility.WATER: "韶关市水投集团",
    Utility.POWER: "韶关市供电局",
    Utility.GAS: "韶关港华燃气公司",
}
#: The business each utility stands for, as forms and notices say it.
UTILITY_TITLES = {Utility.WATER: "供水", Utility.POWER: "供电", Utility.GAS: "供气"}


class Role(StrEnum):
    APPLICANT = "applicant"
    WINDOW = "window"
    UTILITY = "utility"
    LIAISON = "liaison"
    ADMIN = "admin"
    SYSTEM = "system"


class Unit(StrEnum):
    """A member unit: the service hall or one utility (liaisons, users); each names one or two
    liaisons, and inquiries are addressed to one."""

    SERVICE_CENTRE = "SERVICE_CENTRE"
    WATER = "WATER"
    POWER = "POWER"
    GAS = "GAS"


class InquiryStatus(StrEnum):
    OPEN = "OPEN"
    PLANNED = "PLANNED"
    ANSWERED = "ANSWERED"


class CaseStatus(StrEnum):
    DRAFT = "DRAFT"
    SUBMITTED = "SUBMITTED"
    CORRECTION_REQUIRED = "CORRECTION_REQUIRED"
    IN_PROGRESS = "IN_PROGRESS"
    CONSOLIDATING = "CONSOLIDATING"
    REPLIED = "REPLIED"
    WITHDRAWN = "WITHDRAWN"


class TicketStatus(StrEnum):
    PENDING_REVIEW = "PENDING_REVIEW"
    CORRECTION_REQUESTED = "CORRECTION_REQUESTED"
    INELIGIBLE = "INELIGIBLE"
    SURVEY_PENDING = "SURVEY_PENDING"
    SURVEYED = "SURVEYED"
    RESULT_SUBMITTED = "RESULT_SUBMITTED"
    CANCELLED = "CANCELLED"


class ReviewDecision(StrEnum):
    ELIGIBLE = "ELIGIBLE"
    INELIGIBLE = "INELIGIBLE"
    NEEDS_CORRECTION = "NEEDS_CORRECTION"


class ResultOutcome(StrEnum):
    APPROVED = "APPROVED"
    NOT_APPROVED = "NOT_APPROVED"


class LicenceKind(StrEnum):
    ID_CARD = "ID_CARD"
    BUSINESS_LICENCE = "BUSINESS_LICENCE"
    PROPERTY_TITLE = "PROPERTY_TITLE"
    # Project approvals, from the construction-project approval system (工建系统)
    PROJECT_REGISTRATION = "PROJECT_REGISTRATION"
    LAND_USE_PLANNING_PERMIT = "LAND_USE_PLANNING_PERMIT"
    PLANNING_PERMIT = "PLANNING_PERMIT"
    CONSTRUCTION_PERMIT = "CONSTRUCTION_PERMIT"


#: Looked up by number in the e-licence service.
E_LICENCE_KINDS = (LicenceKind.ID_CARD, LicenceKind.BUSINESS_LICENCE, LicenceKind.PROPERTY_TITLE)
#: Looked up by the national project code in the construction-project approval system.
APPROVAL_KINDS = (
    LicenceKind.PROJECT_REGISTRATION,
    LicenceKind.LAND_USE_PLANNING_PERMIT,
    LicenceKind.PLANNING_PERMIT,
    LicenceKind.CONSTRUCTION_PERMIT,
)


class MaterialSource(StrEnum):
    UPLOAD = "UPLOAD"
    E_LICENCE = "E_LICENCE"
    SHARED = "SHARED"
    GENERATED = "GENERATED"


class DocumentKind(StrEnum):
    APPLICATION_FORM = "APPLICATION_FORM"
    RECEIPT_NOTICE = "RECEIPT_NOTICE"
    CORRECTION_NOTICE = "CORRECTION_NOTICE"
    RESULT_FEEDBACK_FORM = "RESULT_FEEDBACK_FORM"
    CONSOLIDATED_REPLY = "CONSOLIDATED_REPLY"
    SERVICE_GUIDE = "SERVICE_GUIDE"
    CONSULTATION_MINUTES = "CONSULTATION_MINUTES"


class DocumentStatus(StrEnum):
    PENDING = "PENDING"
    READY = "READY"
    FAILED = "FAILED"


class UploadStatus(StrEnum):
    REQUESTED = "REQUESTED"
    STAGED = "STAGED"
    COMPLETED = "COMPLETED"
    EXPIRED = "EXPIRED"


class CorrectionStage(StrEnum):
    WINDOW = "WINDOW"
    UTILITY = "UTILITY"


class EventType(StrEnum):
    CASE_CREATED = "CASE_CREATED"
    CASE_UPDATED = "CASE_UPDATED"
    CASE_SUBMITTED = "CASE_SUBMITTED"
    CORRECTION_REQUESTED = "CORRECTION_REQUESTED"
    CASE_RESUBMITTED = "CASE_RESUBMITTED"
    CASE_ACCEPTED = "CASE_ACCEPTED"
    TICKET_DISPATCHED = "TICKET_DISPATCHED"
    TICKET_REVIEWED = "TICKET_REVIEWED"
    TICKET_CANCELLED = "TICKET_CANCELLED"
    CORRECTIONS_GATHERED = "CORRECTIONS_GATHERED"
    SURVEY_RECORDED = "SURVEY_RECORDED"
    RESULT_SUBMITTED = "RESULT_SUBMITTED"
    CASE_CONSOLIDATING = "CASE_CONSOLIDATING"
    REPLY_ISSUED = "REPLY_ISSUED"
    CASE_WITHDRAWN = "CASE_WITHDRAWN"
    MATERIAL_ADDED = "MATERIAL_ADDED"
    MATERIAL_REMOVED = "MATERIAL_REMOVED"
    LICENCE_CONSENT_GRANTED = "LICENCE_CONSENT_GRANTED"
    LICENCE_PULLED = "LICENCE_PULLED"
    LICENCE_PULL_FAILED = "LICENCE_PULL_FAILED"
    PAPER_HANDOVER = "PAPER_HANDOVER"
    DOCUMENT_READY = "DOCUMENT_READY"
    DOCUMENT_FAILED = "DOCUMENT_FAILED"
    SLA_WARNING = "SLA_WARNING"
    SLA_BREACHED = "SLA_BREACHED"
    INQUIRY_RAISED = "INQUIRY_RAISED"
    INQUIRY_PLANNED = "INQUIRY_PLANNED"
    INQUIRY_ANSWERED = "INQUIRY_ANSWERED"
    INQUIRY_REOPENED = "INQUIRY_REOPENED"
    KEY_PROJECT_SET = "KEY_PROJECT_SET"
    GREEN_CHANNEL_CONTACTED = "GREEN_CHANNEL_CONTACTED"
    CONSULTATION_SCHEDULED = "CONSULTATION_SCHEDULED"
    CONSULTATION_CONFIRMED = "CONSULTATION_CONFIRMED"
    CONSULTATION_MINUTES_RECORDED = "CONSULTATION_MINUTES_RECORDED"


class WebhookDeliveryStatus(StrEnum):
    PENDING = "PENDING"
    DELIVERED = "DELIVERED"
    FAILED = "FAILED"


class NotificationChannel(StrEnum):
    SMS = "SMS"
    EMAIL = "EMAIL"


class NotificationStatus(StrEnum):
    PENDING = "PENDING"
    SENT = "SENT"
    FAILED = "FAILED"


class OrderDirection(StrEnum):
    ASC = "ASC"
    DESC = "DESC"


class CaseOrderField(StrEnum):
    CREATED_AT = "CREATED_AT"
    REPLY_DUE_AT = "REPLY_DUE_AT"  # the consolidated reply's SLA deadline; null before it runs
    CASE_NO = "CASE_NO"


class TicketOrderField(StrEnum):
    DISPATCHED_AT = "DISPATCHED_AT"  # when the ticket was created
    REVIEW_DUE_AT = "REVIEW_DUE_AT"
    FEEDBACK_DUE_AT = "FEEDBACK_DUE_AT"  # null until the survey starts the result clock
    CASE_NO = "CASE_NO"
