"""办事指南: the merged guide for a combination of utilities. No case, no database."""

from __future__ import annotations

from hub.documents.context.shared import (
    WINDOW_UNIT,
    text,
    utilities_text,
    utility_company,
    utility_title,
    working_days_text,
)
from hub.guide.catalogue import merge_guide


def _how_provided(requirement) -> str:
    if requirement.licence_kind:
        return "电子证照调用"
    if requirement.shareable:
        return "共享平台获取"
    return "企业提交"


def _items(items) -> list[dict]:
    return [{"title": text(item.title), "description": text(item.description)} for item in items]


def guide_context(utilities) -> dict:
    """ValueError for an empty or unknown combination (as merge_guide). The same guide gives
    the same context (no date in it): its rendered file is cached by a hash of the context."""
    guide = merge_guide(utilities)
    return {
        "title": text(guide.title),
        "scope": text(guide.scope),
        "application_form": text(guide.application_form),
        "utilities_text": utilities_text(guide.utilities),
        "companies": [
            {"utility": utility_title(u), "company": utility_company(u)} for u in guide.utilities
        ],
        "process": _items(guide.process),
        "requirements": [
            {
                "index": position,
                "title": text(req.title),
                "description": text(req.description),
                "utilities": utilities_text(req.utilities),
                "mandatory": "必需" if req.mandatory else "视情况提供",
                "how": _how_provided(req),
            }
            for position, req in enumerate(guide.requirements, start=1)
        ],
        "time_limits": [
            {
                "title": text(limit.title),
                "days": working_days_text(limit.working_days),
                "owner": text(limit.owner_title),
            }
            for limit in guide.time_limits
        ],
        "channels": [{"title": c.title, "value": c.value} for c in guide.channels],
        "fees": _items(guide.fees),
        "policies": _items(guide.policies),
        "notes": _items(guide.notes),
        "issuer": WINDOW_UNIT,
    }
