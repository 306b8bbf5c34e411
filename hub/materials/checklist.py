"""The material checklist: what the chosen utility mix requires vs what the case holds. Pure."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ChecklistEntry:
    requirement_code: str
    title: str
    mandatory: bool
    material_ids: tuple[str, ...]

    @property
    def satisfied(self) -> bool:
        return bool(self.material_ids)


def build_checklist(
    requirements: Sequence, materials: Iterable[tuple[str, str | None]]
) -> list[ChecklistEntry]:
    """`requirements` from the merged service guide; `materials` as (material id, code) pairs
    of the case's current (not removed) materials."""
    by_code: dict[str, list[str]] = {}
    for material_id, code in materials:
        if code:
            by_code.setdefault(code, []).append(material_id)
    return [
        ChecklistEntry(
            requirement_code=req.code,
            title=req.title,
            mandatory=req.mandatory,
            material_ids=tuple(by_code.get(req.code, ())),
        )
        for req in requirements
    ]


def missing_mandatory(checklist: Iterable[ChecklistEntry]) -> list[ChecklistEntry]:
    return [entry for entry in checklist if entry.mandatory and not entry.satisfied]
