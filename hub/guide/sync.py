"""Keeps the requirement catalogue table equal to the packaged service guide."""

from __future__ import annotations

from hub.guide.catalogue import load_guide
from hub.models import RequirementRecord


async def sync_requirement_catalogue() -> int:
    guide = load_guide()
    codes = []
    for position, req in enumerate(guide.requirements):
        codes.append(req.code)
        await RequirementRecord.update_or_create(
            code=req.code,
            defaults={
                "title": req.title,
                "description": req.description,
                "utilities": list(req.utilities),
                "licence_kind": req.licence_kind,
                "mandatory": req.mandatory,
                "position": position,
            },
        )
    await RequirementRecord.exclude(code__in=codes).delete()
    return len(codes)
