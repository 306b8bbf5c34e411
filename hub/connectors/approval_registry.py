"""The simulated approval system's registry file (format fixed by API.md, "Project approvals"):
`{"approvals": [...]}` parsed and validated into records without their files, grouped by
project code, cached per path until the file changes; errors name the entry by its position."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from hub.connectors.base import LicenceRecord
from hub.connectors.issuers import usual_issuer
from hub.connectors.registry import RegistryError
from hub.enums import LicenceKind
from hub.validation.identifiers import is_valid_project_code, is_valid_uscc


class _Approval(BaseModel):
    model_config = ConfigDict(strict=True, extra="allow", frozen=True)

    project_code: str
    kind: Literal[
        "PROJECT_REGISTRATION", "LAND_USE_PLANNING_PERMIT", "PLANNING_PERMIT", "CONSTRUCTION_PERMIT"
    ]
    number: str
    holder_uscc: str
    holder_name: str
    status: Literal["VALID", "REVOKED", "EXPIRED"]
    issuer: str | None = None
    issued_on: date | None = None
    valid_until: date | None = None

    @field_validator("*", mode="after")
    @classmethod
    def _no_blank_text(cls, value: Any) -> Any:
        if isinstance(value, str) and not value.strip():
            raise ValueError("must not be blank")
        return value

    @field_validator("project_code")
    @classmethod
    def _project_code(cls, value: str) -> str:
        if not is_valid_project_code(value):
            raise ValueError("not a national project code such as 2026-440203-44-01-000123")
        return value

    @field_validator("holder_uscc")
    @classmethod
    def _uscc(cls, value: str) -> str:
        if not is_valid_uscc(value):
            raise ValueError("not a valid unified social credit code (GB 32100)")
        return value


class _ApprovalFile(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")

    approvals: list[_Approval]


@dataclass(frozen=True)
class ApprovalRegistry:
    """The approvals of one registry file (without their files), by project code."""

    path: Path
    projects: dict[str, list[LicenceRecord]]

    def find(self, project_code: str) -> list[LicenceRecord] | None:
        return self.projects.get(project_code.strip())


def load_approval_registry(path: Path) -> ApprovalRegistry:
    """The registry at `path`, validated; cached per path until the file changes."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise RegistryError(f"approval registry {path}: cannot read it ({exc.strerror})") from exc
    return _load(path.resolve(), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=16)
def _load(path: Path, _mtime_ns: int, _size: int) -> ApprovalRegistry:
    try:
        text = path.read_text(encoding="utf-8")
        parsed = _ApprovalFile.model_validate_json(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise RegistryError(f"approval registry {path}: cannot read it ({exc})") from exc
    except ValidationError as exc:
        raise RegistryError(f"approval registry {path}: {_describe(exc)}") from None
    projects: dict[str, list[LicenceRecord]] = {}
    for index, entry in enumerate(parsed.approvals):
        held = projects.setdefault(entry.project_code, [])
        if any(record.kind == entry.kind for record in held):
            raise RegistryError(
                f"approval registry {path}: approvals[{index}] ({entry.project_code}): "
                f"the project already has a {entry.kind} in an earlier entry"
            )
        held.append(_record(entry))
    return ApprovalRegistry(path, projects)


def parse_approvals(payload: Any) -> list[LicenceRecord]:
    """A service's JSON answer in the registry's format (`{"approvals": [...]}`) as records;
    ValueError saying what is wrong with it."""
    try:
        parsed = _ApprovalFile.model_validate(payload, strict=False)
    except ValidationError as exc:
        raise ValueError(_describe(exc)) from None
    return [_record(entry) for entry in parsed.approvals]


def _describe(exc: ValidationError) -> str:
    problems = []
    for error in exc.errors(include_url=False):
        where = ".".join(str(part) for part in error["loc"]) or "file"
        where = where.replace("approvals.", "approvals[", 1).replace(".", "].", 1)
        if error["type"] == "value_error":
            problems.append(f"{where}: {error['ctx']['error']}")
        else:
            problems.append(f"{where}: {error['msg']}")
    return "; ".join(problems)


def _record(entry: _Approval) -> LicenceRecord:
    kind = LicenceKind(entry.kind)
    details = {"project_code": entry.project_code, "issued_on": entry.issued_on}
    details |= entry.model_extra or {}
    return LicenceRecord(
        kind=kind,
        number=entry.number,
        holder_name=entry.holder_name,
        status=entry.status,
        issuer=entry.issuer or usual_issuer(kind, entry.number),
        valid_until=entry.valid_until,
        holder_uscc=entry.holder_uscc,
        details={
            key: value.isoformat() if isinstance(value, date) else value
            for key, value in details.items()
            if value is not None
        },
    )
