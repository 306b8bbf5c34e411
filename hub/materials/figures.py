"""Zero-material figures (零材料): how the case's requirements were met. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from hub.enums import MaterialSource


@dataclass(frozen=True)
class MaterialFigures:
    by_licence: int  # met by electronic licences pulled for this case
    by_reuse: int  # met by materials the platform already held (SHARED)
    by_upload: int  # met only with uploads
    zero_material: bool  # something is there and nothing had to be uploaded


def material_figures(materials: Iterable) -> MaterialFigures:
    """`materials`: the case's current materials (ticket approval results are not filing)."""
    sources: dict[str, set[MaterialSource]] = {}
    for material in materials:
        if material.ticket_id is None and material.requirement_code:
            sources.setdefault(material.requirement_code, set()).add(material.source)
    by_licence = by_reuse = by_upload = 0
    for found in sources.values():
        if MaterialSource.E_LICENCE in found:
            by_licence += 1
        elif MaterialSource.SHARED in found:
            by_reuse += 1
        else:
            by_upload += 1
    uploaded = any(MaterialSource.UPLOAD in found for found in sources.values())
    return MaterialFigures(by_licence, by_reuse, by_upload, bool(sources) and not uploaded)
