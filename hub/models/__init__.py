"""Tortoise models of the whole lifecycle. `MODEL_MODULES` is what the ORM loads."""

from hub.models.accounts import ApiKey, User, UserSession
from hub.models.applicants import Applicant, Project
from hub.models.audit import AuditEntry
from hub.models.cases import Case, CaseNumberCounter, GasRequest, PowerRequest, WaterRequest
from hub.models.consultations import Consultation, ConsultationParticipant
from hub.models.corrections import CorrectionItem, CorrectionNotice
from hub.models.documents import Document
from hub.models.events import CaseEvent
from hub.models.exports import CasesExport
from hub.models.green_channel import GreenChannelNote
from hub.models.guide import RequirementRecord
from hub.models.handovers import PaperHandover
from hub.models.liaisons import Inquiry, Liaison
from hub.models.materials import Material, Upload
from hub.models.notifications import Notification
from hub.models.operations import PersistedOperation
from hub.models.sla import HolidaySchedule, SlaClock
from hub.models.tallies import FigureTally, TicketTally
from hub.models.tickets import ResultFeedback, Survey, Ticket
from hub.models.webhooks import WebhookAttempt, WebhookCursor, WebhookDelivery, WebhookEndpoint

__all__ = [
    "ApiKey",
    "Applicant",
    "AuditEntry",
    "Case",
    "CaseEvent",
    "CaseNumberCounter",
    "CasesExport",
    "Consultation",
    "ConsultationParticipant",
    "CorrectionItem",
    "CorrectionNotice",
    "Document",
    "FigureTally",
    "GasRequest",
    "GreenChannelNote",
    "HolidaySchedule",
    "Inquiry",
    "Liaison",
    "Material",
    "Notification",
    "PaperHandover",
    "PersistedOperation",
    "PowerRequest",
    "Project",
    "RequirementRecord",
    "ResultFeedback",
    "SlaClock",
    "Survey",
    "Ticket",
    "TicketTally",
    "Upload",
    "User",
    "UserSession",
    "WaterRequest",
    "WebhookAttempt",
    "WebhookCursor",
    "WebhookDelivery",
    "WebhookEndpoint",
]
