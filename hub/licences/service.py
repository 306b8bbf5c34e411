"""pullLicences: zero-material filing (零材料). Each kind is fetched, checked and kept on its
own, so one failure never hides the others; every pull, good or bad, is audited. E-licences are
fetched by number from the e-licence service; project approvals by the case's project code from
the construction-project approval system (工建系统), one call for all the kinds asked."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import timedelta

from tortoise.expressions import Q

from hub import clock
from hub.audit import record_audit
from hub.auth.principal import Principal
from hub.connectors import get_approval_provider, get_licence_provider
from hub.connectors.base import LicenceNotFound, LicenceServiceUnavailable
from hub.enums import APPROVAL_KINDS, EventType, LicenceKind, MaterialSource
from hub.errors import ConsentRequired
from hub.events.record import record_event
from hub.guide.catalogue import requirements_for
from hub.licences.checks import (
    LICENCE_NOT_FOUND,
    TITLES,
    UPSTREAM_UNAVAILABLE,
    Expected,
    Failure,
    check_record,
)
from hub.metrics import LICENCE_PULLS
from hub.models import Case, Material
from hub.objectstore import get_object_store
from hub.objectstore.base import ObjectStoreUnavailable, content_key
from hub.settings import get_settings
from hub.transactions import in_transaction
from hub.validation.identifiers import is_valid_project_code, mask_id_number
from hub.workflow.case_flow import CaseAction
from hub.workflow.case_writes import lock_materials, prepare
from hub.workflow.material_writes import LicenceFacts, StoredFile, add_material


async def pull_licences(
    *, principal: Principal, case_id: str, kinds: list[LicenceKind] | None = None
) -> tuple[list[Material], list[Failure]]:
    case, _ = await prepare(principal, case_id, CaseAction.PULL_LICENCES)
    if case.licence_consent_at is None:
        raise ConsentRequired(
            "调取电子证照须先取得申请人授权 (grant licence consent first: grantLicenceConsent)"
        )
    applicant, project = await case.applicant, await case.project
    numbers = {
        LicenceKind.ID_CARD: case.agent_id_number,
        LicenceKind.BUSINESS_LICENCE: applicant.uscc,
        LicenceKind.PROPERTY_TITLE: project.property_title_no,
    }
    expected = Expected(
        agent_name=case.contact_name, enterprise_name=applicant.name, uscc=applicant.uscc
    )
    materials, failures = [], []
    wanted = list(dict.fromkeys(kinds or checklist_kinds(case)))
    for kind in wanted:
        if kind in APPROVAL_KINDS:
            continue
        material, failure = await _pull_one(principal, case, kind, numbers[kind], expected)
        if material is not None:
            materials.append(material)
        if failure is not None:
            failures.append(failure)
    approvals = [kind for kind in wanted if kind in APPROVAL_KINDS]
    if approvals:
        pulled = await _pull_approvals(principal, case, project.code, approvals, expected)
        for material, failure in pulled:
            if material is not None:
                materials.append(material)
            if failure is not None:
                failures.append(failure)
    return materials, failures


_SOURCE_NAMES = {False: "电子证照", True: "工建系统"}


def checklist_kinds(case: Case) -> list[LicenceKind]:
    """Every kind that meets one of the case's requirements, in LicenceKind order."""
    usable = {kind for req in requirements_for(case.utilities) for kind in req.licence_kinds}
    return [kind for kind in LicenceKind if kind in usable]


def _requirement_code(case: Case, kind: LicenceKind) -> str | None:
    for requirement in requirements_for(case.utilities):
        if kind in requirement.licence_kinds:
            return requirement.code
    return None


async def _pull_approvals(
    principal, case, project_code: str | None, kinds: list[LicenceKind], expected
) -> list[tuple[Material | None, Failure | None]]:
    """The project's approvals of `kinds`, in that order: one call to the approval system for
    those neither on the case already nor pulled for the project within the reuse period."""
    request_id = uuid.uuid4().hex
    code = (project_code or "").strip()

    async def fail_all(message: str) -> list:
        return [
            (None, await _fail(principal, case, kind, code or None, failure, request_id))
            for kind, failure in ((k, Failure(k, LICENCE_NOT_FOUND, message)) for k in kinds)
        ]

    if not code:
        return await fail_all("申请表未填写项目代码，无法从工建系统调取；请补充后重试，或上传材料")
    if not is_valid_project_code(code):
        return await fail_all(
            f"项目代码（{code}）不符合全国投资项目代码格式（如 2026-440203-44-01-000123），"
            "请核对后重试，或上传材料"
        )
    results: dict[LicenceKind, tuple[Material | None, Failure | None]] = {}
    to_fetch = []
    for kind in kinds:
        here = await _approval_on_case(case, kind, code)
        if here is not None:
            results[kind] = (here, None)
            continue
        reused = await _recent_approval(case, kind, code)
        if reused is not None:
            material = await _keep(principal, case, kind, reused, request_id, shared_from=reused)
            results[kind] = (material, None)
            continue
        to_fetch.append(kind)
    if to_fetch:
        for kind, outcome in zip(
            to_fetch,
            await _fetch_approvals(principal, case, code, to_fetch, expected, request_id),
            strict=True,
        ):
            results[kind] = outcome
    return [results[kind] for kind in kinds]


async def _fetch_approvals(principal, case, code, kinds, expected, request_id) -> list:
    async def fail(kind: LicenceKind, failure_code: str, message: str):
        failure = Failure(kind, failure_code, message)
        return None, await _fail(principal, case, kind, code, failure, request_id)

    try:
        records = await get_approval_provider().fetch_project(code, request_id=request_id)
    except LicenceNotFound:
        message = f"工建系统未查到项目代码 {code}，请核对项目代码或上传材料"
        return [await fail(kind, LICENCE_NOT_FOUND, message) for kind in kinds]
    except LicenceServiceUnavailable:
        return [
            await fail(
                kind,
                UPSTREAM_UNAVAILABLE,
                f"工程建设项目审批管理系统暂不可用，可稍后重试，或直接上传{TITLES[kind]}",
            )
            for kind in kinds
        ]
    by_kind = {record.kind: record for record in records}
    outcomes = []
    for kind in kinds:
        record = by_kind.get(kind)
        if record is None:
            message = f"工建系统中项目 {code} 没有{TITLES[kind]}，请上传材料"
            outcomes.append(await fail(kind, LICENCE_NOT_FOUND, message))
            continue
        failure = check_record(record, expected)
        if failure is not None:
            outcomes.append((None, await _fail(principal, case, kind, code, failure, request_id)))
            continue
        try:
            outcomes.append((await _keep(principal, case, kind, record, request_id), None))
        except ObjectStoreUnavailable:
            message = f"文件存储暂不可用，可稍后重试调取{TITLES[kind]}"
            outcomes.append(await fail(kind, UPSTREAM_UNAVAILABLE, message))
    return outcomes


async def _approval_on_case(case: Case, kind: LicenceKind, project_code: str) -> Material | None:
    """The approval of `kind` already on the case for this project code (the code may have
    been corrected since an earlier pull)."""
    current = await Material.filter(
        case_id=case.id, licence_kind=kind, removed_at=None, superseded_by_id=None
    )
    return _for_project(current, project_code)


def _for_project(materials: list[Material], project_code: str) -> Material | None:
    """The first of `materials` pulled for the project: by the code kept in its provenance
    (the case's project code may be corrected after a pull)."""
    return next(
        (m for m in materials if (m.provenance or {}).get("projectCode") == project_code), None
    )


async def _recent_approval(case: Case, kind: LicenceKind, project_code: str) -> Material | None:
    """The project's approval of `kind` pulled for the same enterprise within the reuse period,
    still on its case and not past its validity."""
    since = clock.now() - timedelta(days=get_settings().licence_reuse_days)
    recent = (
        await Material.filter(
            case__applicant_id=case.applicant_id,
            licence_kind=kind,
            licence_pulled_at__gte=since,
            removed_at=None,
            source=MaterialSource.E_LICENCE,
        )
        .filter(
            Q(licence_valid_until__isnull=True) | Q(licence_valid_until__gte=clock.local_today())
        )
        .order_by("-licence_pulled_at")
        .limit(50)
    )
    return _for_project(recent, project_code)


async def _pull_one(
    principal, case, kind, number, expected
) -> tuple[Material | None, Failure | None]:
    request_id = uuid.uuid4().hex
    if not number:
        what = {LicenceKind.ID_CARD: "经办人身份证号", LicenceKind.PROPERTY_TITLE: "不动产权证号"}
        failure = Failure(
            kind,
            LICENCE_NOT_FOUND,
            f"申请表未填写{what.get(kind, '证照号码')}，无法调取；请补充后重试，或上传材料",
        )
        return None, await _fail(principal, case, kind, None, failure, request_id)
    here = await _current_on_case(case, kind, number)
    if here is not None:
        return here, None
    reused = await _recent_pull(case, kind, number)
    if reused is not None:
        return await _keep(principal, case, kind, reused, request_id, shared_from=reused), None
    try:
        record = await get_licence_provider().fetch(kind, number, request_id=request_id)
    except LicenceNotFound:
        failure = Failure(
            kind,
            LICENCE_NOT_FOUND,
            f"未查到{TITLES[kind]}（{_mask(kind, number)}），请核对号码或上传材料",
        )
        return None, await _fail(principal, case, kind, number, failure, request_id)
    except LicenceServiceUnavailable:
        failure = Failure(
            kind,
            UPSTREAM_UNAVAILABLE,
            f"电子证照服务暂不可用，可稍后重试，或直接上传{TITLES[kind]}",
        )
        return None, await _fail(principal, case, kind, number, failure, request_id)
    failure = check_record(record, expected)
    if failure is not None:
        return None, await _fail(principal, case, kind, number, failure, request_id)
    try:
        material = await _keep(principal, case, kind, record, request_id)
    except ObjectStoreUnavailable:
        failure = Failure(
            kind, UPSTREAM_UNAVAILABLE, f"文件存储暂不可用，可稍后重试调取{TITLES[kind]}"
        )
        return None, await _fail(principal, case, kind, number, failure, request_id)
    return material, None


async def _current_on_case(case: Case, kind: LicenceKind, number: str) -> Material | None:
    return await Material.filter(
        case_id=case.id,
        licence_kind=kind,
        licence_number=number,
        removed_at=None,
        superseded_by_id=None,
    ).first()


async def _recent_pull(case: Case, kind: LicenceKind, number: str) -> Material | None:
    """The same licence pulled for the same enterprise within the reuse period, still on its
    case and not past its validity (a revocation since is only seen by a fresh pull)."""
    since = clock.now() - timedelta(days=get_settings().licence_reuse_days)
    return (
        await Material.filter(
            case__applicant_id=case.applicant_id,
            licence_kind=kind,
            licence_number=number,
            licence_pulled_at__gte=since,
            removed_at=None,
        )
        .filter(Q(source=MaterialSource.E_LICENCE))
        .filter(
            Q(licence_valid_until__isnull=True) | Q(licence_valid_until__gte=clock.local_today())
        )
        .order_by("-licence_pulled_at")
        .first()
    )


async def _chunks(data: bytes) -> AsyncIterator[bytes]:
    yield data


async def _keep(principal, case, kind, record, request_id, shared_from: Material | None = None):
    """A material for the licence: a new link to an earlier pull's bytes, or the fetched file."""
    if shared_from is None:
        info = await get_object_store().put_stream(
            f"staging/licence-{request_id}", _chunks(record.file_pdf), limit=len(record.file_pdf)
        )
        key = content_key(info.sha256)
        await get_object_store().promote(f"staging/licence-{request_id}", key)
        await get_object_store().delete(f"staging/licence-{request_id}")
        source = MaterialSource.E_LICENCE
        file = StoredFile(
            filename=f"{TITLES[kind]}（{_SOURCE_NAMES[kind in APPROVAL_KINDS]}）.pdf",
            content_type="application/pdf",
            size=info.size,
            sha256=info.sha256,
            object_key=key,
        )
        licence = LicenceFacts(
            kind=kind,
            number=record.number,
            issuer=record.issuer,
            valid_until=record.valid_until,
            pulled_at=clock.now(),
        )
        settings = get_settings()
        provenance = {
            "requestId": record.request_id or request_id,
            "provider": settings.approvals_provider
            if kind in APPROVAL_KINDS
            else settings.licence_provider,
        }
        if kind in APPROVAL_KINDS:
            provenance["projectCode"] = record.details.get("project_code")
    else:
        source = MaterialSource.SHARED
        file, licence = StoredFile.of(shared_from), LicenceFacts.of(shared_from)
        provenance = {"sharedFrom": str(shared_from.id), "requestId": request_id}
        if kind in APPROVAL_KINDS:
            provenance["projectCode"] = shared_from.provenance.get("projectCode")
    provenance |= {"pulledBy": principal.name, "purpose": case.case_no, "kind": str(kind)}
    async with in_transaction():
        await lock_materials(case)
        material = await add_material(
            case=case,
            requirement_code=_requirement_code(case, kind),
            source=source,
            file=file,
            licence=licence,
            provenance=provenance,
            added_by=principal.name,
        )
        await _audit(
            principal,
            case,
            kind,
            licence.number,
            "OK",
            request_id,
            reused=shared_from is not None,
        )
        await record_event(
            case,
            EventType.LICENCE_PULLED,
            principal,
            data={
                "kind": str(kind),
                "materialId": str(material.id),
                "reused": shared_from is not None,
                "requestId": request_id,
            },
            applicant_act=True,
        )
    outcome = "OK" if shared_from is None else "REUSED"
    LICENCE_PULLS.labels(kind=str(kind), outcome=outcome).inc()
    return material


async def _fail(principal, case, kind, number, failure: Failure, request_id: str) -> Failure:
    async with in_transaction():
        await _audit(principal, case, kind, number, failure.code, request_id)
        await record_event(
            case,
            EventType.LICENCE_PULL_FAILED,
            principal,
            data={"kind": str(kind), "code": failure.code, "requestId": request_id},
            applicant_act=True,
        )
    LICENCE_PULLS.labels(kind=str(kind), outcome=failure.code).inc()
    return failure


def _mask(kind: LicenceKind, number: str | None) -> str | None:
    if number is None:
        return None
    return mask_id_number(number) if kind == LicenceKind.ID_CARD else number


async def _audit(principal, case, kind, number, outcome, request_id, *, reused=False) -> None:
    await record_audit(
        who=principal,
        action="LICENCE_PULL",
        case_id=case.id,
        subject=str(kind),
        details={
            "number": _mask(kind, number),
            "outcome": outcome,
            "requestId": request_id,
            "reused": reused,
        },
        outcome=outcome,
    )
