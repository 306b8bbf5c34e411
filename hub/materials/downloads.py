"""Expiring download addresses, each one audited (who, when, which material, which case)."""

from __future__ import annotations

from datetime import timedelta

from tortoise.expressions import Subquery

from hub.audit import record_read_audit
from hub.auth.principal import Principal
from hub.auth.visibility import parse_id, utility_needs, visible_cases
from hub.enums import Role
from hub.errors import BadUserInput, Forbidden, NotFound, UpstreamUnavailable
from hub.materials.filenames import name_for_type
from hub.models import Material
from hub.objectstore import get_object_store, store_errors

DEFAULT_TTL, MAX_TTL = 300, 3600


def download_ttl(ttl_seconds: int | None) -> timedelta:
    ttl = DEFAULT_TTL if ttl_seconds is None else ttl_seconds
    if not 1 <= ttl <= MAX_TTL:
        raise BadUserInput.one("ttlSeconds", f"须在 1 到 {MAX_TTL} 秒之间 (1..{MAX_TTL})")
    return timedelta(seconds=ttl)


async def material_download_url(
    *, principal: Principal, material_id: str, ttl_seconds: int | None = None
) -> str:
    """NOT_FOUND for a material of a case the caller cannot see; FORBIDDEN for one on a visible
    case that the caller's utility does not need."""
    ttl = download_ttl(ttl_seconds)
    uid = parse_id(material_id)
    material = (
        await Material.filter(
            id=uid, case_id__in=Subquery(visible_cases(principal).values("id"))
        ).first()
        if uid
        else None
    )
    if material is None:
        raise NotFound(f"材料不存在 (material {material_id} not found)")
    return await issue_material_url(principal, material, ttl)


async def issue_material_url(principal: Principal, material: Material, ttl: timedelta) -> str:
    if principal.role == Role.UTILITY and not utility_needs(
        principal.utility, material.requirement_code, material.ticket_id
    ):
        raise Forbidden("本单位无需该材料，不能下载 (your utility does not need this material)")
    store = get_object_store()
    # The verified type and a name with its extension, also for rows kept before completion
    # made them so (their type may carry parameters, their name another extension).
    content_type = material.content_type.split(";")[0].strip().lower()
    with store_errors():
        # Signing needs no network: ask the store first, so an outage is not a dead link.
        if not await store.exists(material.object_key):
            raise UpstreamUnavailable("材料文件暂不可取 (the stored file is unavailable)")
        url = await store.presign_get(
            material.object_key,
            expires=ttl,
            filename=name_for_type(material.filename, content_type),
            content_type=content_type,
        )
    await record_read_audit(
        who=principal,
        action="MATERIAL_DOWNLOAD_URL",
        case_id=material.case_id,
        subject=str(material.id),
        details={
            "filename": material.filename,
            "requirementCode": material.requirement_code,
            "ttlSeconds": int(ttl.total_seconds()),
            "licenceKind": str(material.licence_kind) if material.licence_kind else None,
        },
    )
    return url
