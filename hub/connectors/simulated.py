"""The simulated e-licence service (the embedded default): licences from a registry JSON file
(format fixed by API.md, HUB_LICENCE_REGISTRY; a demo registry ships beside this module), each
with its electronic file rendered as a PDF of the licence's data, marked 仅供演示."""

from __future__ import annotations

import dataclasses
import functools
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from hub import clock
from hub.connectors.base import (
    LicenceNotFound,
    LicenceProvider,
    LicenceRecord,
    LicenceServiceUnavailable,
)
from hub.enums import LicenceKind
from hub.validation.identifiers import is_valid_resident_id, is_valid_uscc

DEMO_REGISTRY = Path(__file__).with_name("demo_registry.json")
STATUSES = ("VALID", "REVOKED", "EXPIRED")


class RegistryError(ValueError):
    """The registry file is missing, not JSON, or an entry breaks the format of API.md."""


# --- issuers ---------------------------------------------------------------------------------

_CITIES = {  # Guangdong's prefecture-level divisions (first 4 digits of a division code)
    "4401": "广州市", "4402": "韶关市", "4403": "深圳市", "4404": "珠海市", "4405": "汕头市",
    "4406": "佛山市", "4407": "江门市", "4408": "湛江市", "4409": "茂名市", "4412": "肇庆市",
    "4413": "惠州市", "4414": "梅州市", "4415": "汕尾市", "4416": "河源市", "4417": "阳江市",
    "4418": "清远市", "4419": "东莞市", "4420": "中山市", "4451": "潮州市", "4452": "揭阳市",
    "4453": "云浮市",
}  # fmt: skip
_PROVINCES = {
    "11": "北京市", "12": "天津市", "13": "河北省", "14": "山西省", "15": "内蒙古自治区",
    "21": "辽宁省", "22": "吉林省", "23": "黑龙江省", "31": "上海市", "32": "江苏省",
    "33": "浙江省", "34": "安徽省", "35": "福建省", "36": "江西省", "37": "山东省",
    "41": "河南省", "42": "湖北省", "43": "湖南省", "44": "广东省", "45": "广西壮族自治区",
    "46": "海南省", "50": "重庆市", "51": "四川省", "52": "贵州省", "53": "云南省",
    "54": "西藏自治区", "61": "陕西省", "62": "甘肃省", "63": "青海省", "64": "宁夏回族自治区",
    "65": "新疆维吾尔自治区",
}  # fmt: skip
_USUAL_ISSUERS = {
    LicenceKind.BUSINESS_LICENCE: "韶关市市场监督管理局",
    LicenceKind.PROPERTY_TITLE: "韶关市自然资源局",
}


def usual_issuer(kind: LicenceKind, number: str) -> str:
    """The authority that usually issues this licence: for an ID card the public security bureau
    of the holder's region (from the number's division code), otherwise the Shaoguan bureau."""
    if kind != LicenceKind.ID_CARD:
        return _USUAL_ISSUERS[kind]
    city = _CITIES.get(number[:4])
    if city:
        return f"{city}公安局"
    province = _PROVINCES.get(number[:2])
    return f"{province}公安机关" if province else "公安机关"


# --- the registry file -----------------------------------------------------------------------


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


def effective_status(status: str, valid_until: date | None, today: date) -> str:
    """A VALID licence whose end date has passed is EXPIRED."""
    if status == "VALID" and valid_until is not None and valid_until < today:
        return "EXPIRED"
    return status


# --- the electronic file ---------------------------------------------------------------------

FONT = "STSong-Light"  # a CID font every PDF reader has: no font file to ship or embed
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

PDF_TITLES = {
    LicenceKind.ID_CARD: "居民身份证电子证照（模拟）",
    LicenceKind.BUSINESS_LICENCE: "电子营业执照（模拟）",
    LicenceKind.PROPERTY_TITLE: "不动产权电子证书（模拟）",
}
_KIND_NAMES = {
    LicenceKind.ID_CARD: "居民身份证",
    LicenceKind.BUSINESS_LICENCE: "营业执照",
    LicenceKind.PROPERTY_TITLE: "不动产权证书",
}
_NUMBER_LABELS = {
    LicenceKind.ID_CARD: "公民身份号码",
    LicenceKind.BUSINESS_LICENCE: "统一社会信用代码",
    LicenceKind.PROPERTY_TITLE: "不动产权证号",
}
_HOLDER_LABELS = {
    LicenceKind.ID_CARD: "姓名",
    LicenceKind.BUSINESS_LICENCE: "名称",
    LicenceKind.PROPERTY_TITLE: "权利人",
}
_DETAIL_LABELS = {"legal_representative": "法定代表人", "address": "住所/坐落", "area_m2": "面积"}
_STATUS_NAMES = {"VALID": "有效", "REVOKED": "已吊销", "EXPIRED": "已过期"}
DEMO_WATERMARK = "仅供演示"
DEMO_NOTICE = "仅供演示 —— 本文件由模拟电子证照库生成，不是真实证照"


def licence_lines(record: LicenceRecord) -> list[tuple[str, str]]:
    """(label, value) for every field of the record, in reading order."""
    lines = [
        ("证照类型", _KIND_NAMES[record.kind]),
        (_NUMBER_LABELS[record.kind], record.number),
        (_HOLDER_LABELS[record.kind], record.holder_name),
    ]
    if record.holder_uscc and record.kind != LicenceKind.BUSINESS_LICENCE:
        lines.append(("权利人统一社会信用代码", record.holder_uscc))
    for key, value in record.details.items():
        label = _DETAIL_LABELS.get(key, key)
        if key == "area_m2" and isinstance(value, int | float):
            text = f"{value:g} 平方米"
        elif isinstance(value, str | int | float | bool):
            text = str(value)
        else:
            text = json.dumps(value, ensure_ascii=False, sort_keys=True)
        lines.append((label, text))
    lines += [
        ("发证机关", record.issuer),
        ("有效期至", record.valid_until.isoformat() if record.valid_until else "长期"),
        ("状态", f"{_STATUS_NAMES.get(record.status, record.status)}（{record.status}）"),
        ("请求编号", record.request_id or "—"),
    ]
    return lines


def render_licence_pdf(
    record: LicenceRecord, *, title: str, notice: str, watermark: str | None = None
) -> bytes:
    """A one-page A4 PDF of the record. The same record gives the same bytes (reportlab's
    invariant mode: fixed creation date and document id; nothing else time-dependent)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1)
    pdf.setTitle(f"{title} {record.number}")
    pdf.setSubject(notice)
    pdf.setAuthor(record.issuer)
    pdf.setCreator("utility-connection-hub")
    width, height = A4
    left, right = 64.0, width - 64.0
    pdf.setStrokeGray(0.4)
    pdf.rect(left - 16, 96, right - left + 32, height - 180)
    if watermark:  # faint and diagonal, under the text
        pdf.saveState()
        pdf.setFillGray(0.9)
        pdf.setFont(FONT, 64)
        pdf.translate(width / 2, height / 2)
        pdf.rotate(35)
        pdf.drawCentredString(0, 0, watermark)
        pdf.restoreState()
    pdf.setFont(FONT, 20)
    pdf.drawCentredString(width / 2, height - 130, title)
    y, label_width, size = height - 180, 140.0, 11
    for label, value in licence_lines(record):
        pdf.setFont(FONT, size)
        pdf.drawString(left, y, f"{label}：")
        for part in _wrap(value, right - left - label_width, size):
            pdf.drawString(left + label_width, y, part)
            y -= size * 1.8
        y -= 4
    pdf.setFont(FONT, 10)
    pdf.drawCentredString(width / 2, 110, notice)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _wrap(text: str, width: float, size: float) -> list[str]:
    parts, current = [], ""
    for char in text:
        if current and pdfmetrics.stringWidth(current + char, FONT, size) > width:
            parts.append(current)
            current = ""
        current += char
    return [*parts, current]


# --- the provider ----------------------------------------------------------------------------


class SimulatedLicenceProvider(LicenceProvider):
    name = "simulated"

    def __init__(
        self,
        registry_path: Path | None = None,
        *,
        today: Callable[[], date] = clock.local_today,
    ) -> None:
        self.registry_path = Path(registry_path) if registry_path else DEMO_REGISTRY
        self._today = today
        load_registry(self.registry_path)  # a broken registry fails at start-up, not per call

    async def fetch(self, kind: LicenceKind, number: str, *, request_id: str) -> LicenceRecord:
        try:
            registry = load_registry(self.registry_path)
        except RegistryError as exc:
            raise LicenceServiceUnavailable(str(exc)) from exc
        found = registry.find(LicenceKind(kind), number)
        if found is None:
            raise LicenceNotFound(
                f"no {LicenceKind(kind).value} numbered {number!r} in the registry"
            )
        record = dataclasses.replace(
            found,
            status=effective_status(found.status, found.valid_until, self._today()),
            details=dict(found.details),  # the cached registry stays as read
            request_id=request_id,
        )
        pdf = render_licence_pdf(  # a few milliseconds: not worth a thread
            record, title=PDF_TITLES[record.kind], notice=DEMO_NOTICE, watermark=DEMO_WATERMARK
        )
        return dataclasses.replace(record, file_pdf=pdf)
