"""The audit log as admins read it (hub/audit/)."""

from __future__ import annotations

import strawberry

from hub.models import AuditEntry as AuditEntryRow
from hub.schema.common import Connection
from hub.schema.rows import from_row, graphql_id
from hub.schema.scalars import JSON, DateTime


@strawberry.type(
    description="审计记录：谁（角色、是否代办）在何时、从何地址对何对象做了什么，结果如何；"
    "每条带上一条的哈希。 (One audited act: who, in which role, on behalf of an applicant or "
    "not, did what to which object, when, from which address, with what outcome; each entry "
    "carries the hash of the one before it.)"
)
class AuditEntry:
    id: strawberry.ID = strawberry.field(
        description="审计条目 id（不透明字符串）。The entry's id (an opaque string)."
    )
    seq: int = strawberry.field(
        description="序号，连续无缺口 (sequence number, without gaps: a gap is a removed entry)."
    )
    at: DateTime = strawberry.field(description="发生时间 (when it happened).")
    actor: str = strawberry.field(
        description="操作人；未认证为 anonymous (who acted; anonymous when unauthenticated)."
    )
    role: str = strawberry.field(description="操作人角色 (the actor's role).")
    on_behalf: bool = strawberry.field(
        description="窗口人员代申请人办理 (window staff acting for the applicant)."
    )
    action: str = strawberry.field(
        description="动作：变更操作名 (如 updateWebhook)、SIGN_IN_FAILED、LICENCE_PULL、"
        "MATERIAL_DOWNLOAD_URL 等 (the action: a mutation's name such as updateWebhook, "
        "SIGN_IN_FAILED, LICENCE_PULL, MATERIAL_DOWNLOAD_URL ...)."
    )
    case_id: strawberry.ID | None = strawberry.field(
        description="所属办件 (the case concerned, if any)."
    )
    object: str | None = strawberry.field(
        description="操作对象，如 Ticket:<id> (the object acted on, e.g. Ticket:<id>)."
    )
    outcome: str = strawberry.field(
        description="结果：OK 或错误码 (the outcome: OK or the error code)."
    )
    address: str | None = strawberry.field(description="客户端地址 (the client's address).")
    details: JSON | None = strawberry.field(
        description="补充信息，不含身份证号、电话、令牌或签名链接 (more about it; never an ID "
        "number, phone number, token or signed URL)."
    )
    previous_hash: str = strawberry.field(
        description="上一条的哈希 (the previous entry's hash, sha256 hex)."
    )
    hash: str = strawberry.field(
        description="本条哈希：本条字段与上一条哈希的 sha256 (this entry's sha256 over its "
        "fields and the previous hash)."
    )

    @classmethod
    def from_model(cls, row: AuditEntryRow) -> AuditEntry:
        return from_row(cls, row, case_id=graphql_id(row.case_id), object=row.subject)


AuditEntryConnection = Connection[AuditEntry]


@strawberry.input(description="审计日志筛选条件 (what to look for in the audit log).")
class AuditFilter:
    actor: str | None = strawberry.field(default=None, description="操作人 (the actor).")
    action: str | None = strawberry.field(default=None, description="动作 (the action).")
    object: str | None = strawberry.field(
        default=None, description="操作对象，如 Case:<id> (the object, e.g. Case:<id>)."
    )
    case_id: strawberry.ID | None = strawberry.field(
        default=None, description="所属办件 (the case, its tickets and materials included)."
    )
    outcome: str | None = strawberry.field(
        default=None, description="结果：OK 或错误码 (OK or an error code)."
    )
    since: DateTime | None = strawberry.field(
        default=None, description="自此时起（含） (from this instant, inclusive)."
    )
    until: DateTime | None = strawberry.field(
        default=None, description="至此时止（不含） (until this instant, exclusive)."
    )
