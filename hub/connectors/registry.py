"""The simulated service's registry file (format fixed by API.md): parsed and validated into
licence records without their files, cached per path until the file changes; errors name the
entry by its position and number."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from hub.connectors.base import LicenceRecord
from hub.connectors.issuers import usual_issuer
from hub.enums import LicenceKind
from hub.validation.identifiers import is_valid_resident_id, is_valid_uscc


class RegistryError(ValueError):
    """The registry file is missing, not JSON, or an entry breaks the format of API.md."""


class _Entry(BaseModel):
    model_config = ConfigDict(strict=True, extra="allow", frozen=True)

    status: Literal["VALID", "REVOKED", "EXPIRED"]
    valid_until: date | None = None
    issuer: str | None = None

    @field_validator("*", mode="after")
    @classmethod
    def _no_blank_text(cls, value: Any) -> Any:
        if isinstance(value, str) and not value.strip():
            raise ValueError("must not be blank")
        return value

    def extras(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


class _IdCard(_Entry):
    number: str
    name: str

    @field_validator("number")
    @classmethod
    def _resident_id(cls, value: str) -> str:
        if not is_valid_resident_id(value):
            raise ValueError("not a valid resident ID number (GB 11643 check digit, birth date)")
        return value


class _BusinessLicence(_Entry):
    uscc: str
    name: str
    legal_representative: str | None = None
    address: str | None = None

    @field_validator("uscc")
    @classmethod
    def _uscc(cls, value: str) -> str:
        if not is_valid_uscc(value):
            raise ValueError("not a valid unified social credit code (GB 32100)")
        return value


class _PropertyTitle(_Entry):
    number: str
    holder_name: str
    holder_uscc: str | None = None  # None: a title held by a person
    address: str | None = None
    area_m2: float | None = None

    @field_validator("holder_uscc")
    @classmethod
    def _uscc(cls, value: str | None) -> str | None:
        if value is not None and not is_valid_uscc(value):
            raise ValueError("not a valid unified social credit code (GB 32100)")
        return value

    @field_validator("area_m2")
    @classmethod
    def _area(cls, value: float | None) -> float | None:
        if value is not None and value <= 0:
            raise ValueError("must be a positive number of square metres")
        return value


class _RegistryFile(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")

    id_cards: list[_IdCard] = []
    business_licences: list[_BusinessLicence] = []
    property_titles: list[_PropertyTitle] = []


_SECTIONS = {  # section -> (kind, the entry's number field)
    "id_cards": (LicenceKind.ID_CARD, "number"),
    "business_licences": (LicenceKind.BUSINESS_LICENCE, "uscc"),
    "property_titles": (LicenceKind.PROPERTY_TITLE, "number"),
}


@dataclass(frozen=True)
class Registry:
    """The licences of one registry file (without their files), by kind and lookup key."""

    path: Path
    records: dict[LicenceKind, dict[str, LicenceRecord]]

    def find(self, kind: LicenceKind, number: str) -> LicenceRecord | None:
        return self.records[kind].get(lookup_key(kind, number))


def lookup_key(kind: LicenceKind, number: str) -> str:
    """Numbers as people type them: spaces, a lowercase x, full-width brackets are the same."""
    key = "".join(number.split())
    if kind == LicenceKind.PROPERTY_TITLE:
        return key.replace("（", "(").replace("）", ")")
    return key.upper()


def load_registry(path: Path) -> Registry:
    """The registry at `path`, validated; cached per path until the file changes."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise RegistryError(f"licence registry {path}: cannot read it ({exc.strerror})") from exc
    return _load(path.resolve(), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=16)
def _load(path: Path, _mtime_ns: int, _size: int) -> Registry:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RegistryError(f"licence registry {path}: cannot read it ({exc})") from exc
    try:
        parsed = _RegistryFile.model_validate_json(text)
    except ValidationError as exc:
        raise RegistryError(_describe(path, text, exc)) from None
    records: dict[LicenceKind, dict[str, LicenceRecord]] = {}
    for section, (kind, number_field) in _SECTIONS.items():
        records[kind] = {}
        for index, entry in enumerate(getattr(parsed, section)):
            record = _record(kind, entry)
            key = lookup_key(kind, record.number)
            if key in records[kind]:
                raise RegistryError(
                    f"licence registry {path}: {section}[{index}] ({record.number}): "
                    f"{number_field} is already used by an earlier entry"
                )
            records[kind][key] = record
    return Registry(path, records)


def _describe(path: Path, text: str, exc: ValidationError) -> str:
    """One line per problem, naming the entry by its position and number."""
    try:
        raw = json.loads(text)
    except ValueError:
        raw = None
    problems = []
    for error in exc.errors(include_url=False):
        loc = error["loc"]
        if not loc:
            problems.append(error["msg"])
            continue
        where = str(loc[0])
        if len(loc) >= 2 and isinstance(loc[1], int):
            where += f"[{loc[1]}]"
            entry = _raw_entry(raw, loc[0], loc[1])
            number_field = _SECTIONS.get(str(loc[0]), (None, "number"))[1]
            if isinstance(entry, dict) and isinstance(entry.get(number_field), str):
                where += f" ({entry[number_field]})"
            if len(loc) > 2:
                where += "." + ".".join(str(part) for part in loc[2:])
        if error["type"] == "extra_forbidden":
            problems.append(f"{where}: unknown section (expected {', '.join(_SECTIONS)})")
        elif error["type"] == "value_error":  # ours: the message without pydantic's prefix
            problems.append(f"{where}: {error['ctx']['error']}")
        else:
            problems.append(f"{where}: {error['msg']}")
    return f"licence registry {path}: " + "; ".join(problems)


def _raw_entry(raw: Any, section: Any, index: int) -> Any:
    if isinstance(raw, dict) and isinstance(raw.get(section), list) and index < len(raw[section]):
        return raw[section][index]
    return None


def _record(kind: LicenceKind, entry: _Entry) -> LicenceRecord:
    details: dict[str, Any] = {}
    if isinstance(entry, _IdCard):
        number, holder_name, holder_uscc = entry.number, entry.name, None
    elif isinstance(entry, _BusinessLicence):
        number, holder_name, holder_uscc = entry.uscc, entry.name, entry.uscc
        details = {"legal_representative": entry.legal_representative, "address": entry.address}
    else:
        assert isinstance(entry, _PropertyTitle)
        number, holder_name, holder_uscc = entry.number, entry.holder_name, entry.holder_uscc
        details = {"address": entry.address, "area_m2": entry.area_m2}
    details = {k: v for k, v in (details | entry.extras()).items() if v is not None}
    return LicenceRecord(
        kind=kind,
        number=number,
        holder_name=holder_name,
        status=entry.status,
        issuer=entry.issuer or usual_issuer(kind, number),
        valid_until=entry.valid_until,
        holder_uscc=holder_uscc,
        details=details,
    )
