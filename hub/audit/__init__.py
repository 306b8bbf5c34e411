"""The audit trail: an append-only, hash-chained log of every state-changing operation, every
sign-in and refused credential, every download address issued, every licence pull and every
configuration change (hub/audit/chain.py explains the chain)."""

from hub.audit.access import (
    Access,
    record_access,
    record_download_served,
    record_rejected_token,
)
from hub.audit.operations import OperationAudit, audited_command, note_audited_object
from hub.audit.record import (
    collect_read_audits,
    collected_read_audits,
    record_audit,
    record_read_audit,
    write_audits,
)

__all__ = [
    "Access",
    "OperationAudit",
    "audited_command",
    "collect_read_audits",
    "collected_read_audits",
    "note_audited_object",
    "record_access",
    "record_audit",
    "record_download_served",
    "record_read_audit",
    "record_rejected_token",
    "write_audits",
]
