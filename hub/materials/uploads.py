"""Direct uploads: announce (size, sha256), PUT the bytes to a staging key, then complete, which
verifies them and keeps them once under their sha256."""

from __future__ import annotations

import contextlib
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from tortoise.expressions import Subquery

from hub import clock
from hub.auth.principal import Principal
from hub.auth.visibility import (
    get_visible_case,
    get_visible_ticket,
    parse_id,
    visible_cases,
    visible_materials,
)
from hub.enums import EventType, MaterialSource, Role, UploadStatus
from hub.errors import (
    BadUserInput,
    Conflict,
    Forbidden,
    InvalidState,
    NotFound,
    PayloadTooLarge,
    ProblemCollector,
    UnsupportedMediaType,
    UpstreamUnavailable,
)
from hub.events.record import record_event
from hub.guide.catalogue import requirements_for
from hub.materials.filenames import clean_filename, name_for_type
from hub.models import Case, Material, Ticket, Upload
from hub.objectstore import get_object_store, store_errors
from hub.objectstore.base import ObjectStoreUnavailable, content_key, staging_key
from hub.objectstore.content_type import ACCEPTED, same_type
from hub.settings import get_settings
from hub.transactions import in_transaction
from hub.validation.media_type import MAX_MEDIA_TYPE_LENGTH, InvalidMediaType, media_type_essence
from hub.workflow.case_flow import CaseAction, case_transition
from hub.workflow.case_writes import lock_materials
from hub.workflow.material_writes import StoredFile, add_material
from hub.workflow.ticket_flow import TicketAction, ticket_transition

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass
class UploadRequest:
    case_id: str
    filename: str
    content_type: str
    size: int
    sha256: str
    requirement_code: str | None = None
    ticket_id: str | None = None
    replaces_material_id: str | None = None


@dataclass(frozen=True)
class UploadTicket:
    upload_id: str
    url: str
    method: str
    headers: dict
    expires_at: datetime


async def check_may_change(principal: Principal, case: Case, ticket: Ticket | None) -> None:
    if ticket is None:
        case_transition(
            case.status,
            CaseAction.CHANGE_MATERIALS,
            principal.role,
            accepted=case.accepted_at is not None,
        )
        return
    if principal.role == Role.UTILITY and ticket.utility != principal.utility:
        raise Forbidden("只能为本单位的工单上传审批结果 (not your utility's ticket)")
    ticket_transition(ticket.status, TicketAction.UPLOAD_APPROVAL_RESULT, principal.role)


async def request_upload(*, principal: Principal, request: UploadRequest) -> UploadTicket:
    case = await get_visible_case(principal, request.case_id)
    ticket = None
    if request.ticket_id is not None:
        ticket = await get_visible_ticket(principal, request.ticket_id)
        if ticket.case_id != case.id:
            raise BadUserInput.one("input.ticketId", "工单不属于该案件 (ticket of another case)")
    await check_may_change(principal, case, ticket)

    limit = get_settings().max_upload_bytes
    p = ProblemCollector()
    p.check(bool(clean_filename(request.filename)), "input.filename", "文件名不能为空 (required)")
    p.check(request.size > 0, "input.size", "文件不能为空 (size must be positive)")
    p.check(bool(_SHA256.match(request.sha256)), "input.sha256", "应为 64 位小写十六进制 sha256")
    code = request.requirement_code
    if code is not None and code not in {r.code for r in requirements_for(case.utilities)}:
        p.add("input.requirementCode", "不是本申请所需的材料 (unknown requirement)")
    content_type = _announced_type(request.content_type, p)
    p.raise_if_any()
    if content_type not in ACCEPTED:
        raise UnsupportedMediaType(
            "仅接受 PDF、OFD、JPEG、PNG、DOCX、XLSX (unsupported content type)",
            accepted=sorted(ACCEPTED),
        )
    if request.size > limit:
        raise PayloadTooLarge(f"文件超过 {limit} 字节上限 (too large)", limit=limit)
    replaces = await _replaced_material(principal, case, ticket, request.replaces_material_id)

    store = get_object_store()
    with store_errors():
        # Presigning needs no network: without asking, an outage would hand out dead URLs.
        await store.check()
    ttl = timedelta(seconds=get_settings().upload_ttl_seconds)
    upload_id = uuid.uuid4()
    async with in_transaction(events=False):  # no row stays if signing fails
        upload = await Upload.create(
            id=upload_id,
            case=case,
            ticket=ticket,
            requirement_code=code,
            filename=clean_filename(request.filename),
            content_type=content_type,
            size=request.size,
            sha256=request.sha256,
            staging_key=staging_key(str(upload_id)),
            expires_at=clock.now() + ttl,
            replaces=replaces,
            requested_by=principal.name,
            requested_role=str(principal.role),
        )
        with store_errors():
            put = await store.presign_put(
                upload.staging_key,
                expires=ttl,
                content_type=upload.content_type,
                size=upload.size,
                upload_id=str(upload.id),
            )
    return UploadTicket(
        upload_id=str(upload.id),
        url=put.url,
        method="PUT",
        headers=put.headers,
        expires_at=upload.expires_at,
    )


def _announced_type(value: str, problems: ProblemCollector) -> str:
    """The essence of the announced media type; a malformed one is a problem of the input.
    An empty one is left to the type check (UNSUPPORTED_MEDIA_TYPE, like any other type)."""
    if not value.strip():
        return ""
    try:
        return media_type_essence(value)
    except InvalidMediaType:
        problems.add(
            "input.contentType",
            f"须为不超过 {MAX_MEDIA_TYPE_LENGTH} 个字符的媒体类型，如 application/pdf "
            "(not a media type)",
        )
        return ""


async def _replaced_material(
    principal: Principal, case: Case, ticket: Ticket | None, material_id: str | None
):
    """A corrected material supersedes the one it replaces (kept for the record): a case
    material replaces a case material, a ticket's approval result one of the same ticket."""
    if material_id is None:
        return None
    uid = parse_id(material_id)
    old = (
        await visible_materials(principal).filter(id=uid, case_id=case.id).first() if uid else None
    )
    same_owner = old is not None and old.ticket_id == (ticket.id if ticket else None)
    if not same_owner or old.removed_at is not None or old.superseded_by_id is not None:
        raise BadUserInput.one(
            "input.replacesMaterialId",
            "须为本案件当前列出的材料 (not a current material of the case)",
        )
    return old


async def _visible_upload(principal: Principal, upload_id: str) -> Upload:
    uid = parse_id(upload_id)
    mine = Subquery(visible_cases(principal).values("id"))
    upload = await Upload.filter(id=uid, case_id__in=mine).first() if uid else None
    if upload is None:
        raise NotFound(f"上传不存在 (upload {upload_id} not found)")
    return upload


async def _reject(upload: Upload, store) -> None:
    """Nothing of a rejected upload stays: the staged bytes go, the URL may be used again
    (unless a racing completion has taken the upload meanwhile)."""
    await store.delete(upload.staging_key)
    await Upload.filter(id=upload.id, status=upload.status).update(status=UploadStatus.REQUESTED)


async def _raise_not_staged(upload: Upload) -> None:
    """Nothing staged: either never uploaded, or a concurrent completion took the bytes."""
    if await Upload.filter(id=upload.id, status=UploadStatus.COMPLETED).exists():
        raise Conflict("该上传已完成 (upload already completed)")
    raise InvalidState(
        "文件尚未上传到暂存地址 (nothing was uploaded yet)", state=str(upload.status)
    )


@contextlib.asynccontextmanager
async def _store_errors_of(upload: Upload):
    """store_errors, but a store call that failed because a racing completion of the same
    upload won and removed the staged bytes meanwhile is that completion's CONFLICT."""
    try:
        with store_errors():
            yield
    except UpstreamUnavailable:
        if await Upload.filter(id=upload.id, status=UploadStatus.COMPLETED).exists():
            raise Conflict("该上传已完成 (upload already completed)") from None
        raise


async def complete_upload(*, principal: Principal, upload_id: str) -> Material:
    upload = await _visible_upload(principal, upload_id)
    if upload.status == UploadStatus.COMPLETED:
        raise Conflict("该上传已完成 (upload already completed)")
    store = get_object_store()
    # With S3 the client PUTs straight to the store: the hub learns of it only now.
    completable = {UploadStatus.STAGED} | (
        {UploadStatus.REQUESTED} if store.direct_uploads else set()
    )
    if upload.status not in completable:
        raise InvalidState(
            "文件尚未上传到暂存地址 (nothing was uploaded yet)", state=str(upload.status)
        )
    case = await upload.case
    ticket = await upload.ticket if upload.ticket_id else None
    await check_may_change(principal, case, ticket)

    async with _store_errors_of(upload):
        size = await store.size(upload.staging_key)
        if size is None:
            await _raise_not_staged(upload)
        if size != upload.size:  # refused without reading a byte (a PUT has no size cap)
            await _reject(upload, store)
            raise BadUserInput.one(
                "uploadId", f"文件大小与申报不符 (expected {upload.size} bytes, got {size})"
            )
        staged = await store.verify(upload.staging_key)
    if staged is None:
        await _raise_not_staged(upload)
    if staged.size != upload.size or staged.sha256 != upload.sha256:
        await _reject(upload, store)
        raise BadUserInput.one("uploadId", "文件 sha256 与申报不符 (checksum mismatch)")
    if staged.content_type is None or not same_type(upload.content_type, staged.content_type):
        await _reject(upload, store)
        raise UnsupportedMediaType(
            f"文件内容与申报类型 {upload.content_type} 不符 (content is "
            f"{staged.content_type or 'unsupported'})",
            actual=staged.content_type,
        )

    # Before the transaction, which holds the event-append lock: a slow store must not hold up
    # every other writer. Copying twice is harmless (the key is the content's sha256).
    key = content_key(upload.sha256)
    async with _store_errors_of(upload):
        try:
            await store.promote(upload.staging_key, key)
        except FileNotFoundError:  # a racing completion won and removed the staged bytes
            await _raise_not_staged(upload)
    async with in_transaction():
        await lock_materials(case)
        claimed = await Upload.filter(id=upload.id, status=upload.status).update(
            status=UploadStatus.COMPLETED, completed_at=clock.now()
        )
        if claimed != 1:
            raise Conflict("该上传已完成 (upload already completed)")
        material = await add_material(
            case=case,
            ticket=ticket,
            requirement_code=upload.requirement_code,
            source=MaterialSource.UPLOAD,
            file=StoredFile(
                filename=name_for_type(upload.filename, staged.content_type),
                content_type=staged.content_type,
                size=upload.size,
                sha256=upload.sha256,
                object_key=key,
            ),
            added_by=principal.name,
        )
        await Upload.filter(id=upload.id).update(material_id=material.id)
        if upload.replaces_id is not None:
            replaced = await Material.filter(id=upload.replaces_id, superseded_by_id=None).update(
                superseded_by_id=material.id
            )
            if replaced != 1:  # another completion replaced it first: one current material
                raise Conflict(
                    "该材料已被他人同时更正，请刷新后重试 (the material was replaced meanwhile)"
                )
        await record_event(
            case,
            EventType.MATERIAL_ADDED,
            principal,
            utility=ticket.utility if ticket else None,
            data={
                "materialId": str(material.id),
                "requirementCode": material.requirement_code,
                "replaces": str(upload.replaces_id) if upload.replaces_id else None,
            },
            applicant_act=ticket is None,
        )
    with contextlib.suppress(ObjectStoreUnavailable):  # else the clean-up job removes it later
        await store.delete(upload.staging_key)
    return material
