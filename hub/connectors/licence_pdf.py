"""A licence record drawn as a one-page A4 PDF: the electronic file of the simulated service,
and the data sheet of a real service that sends no file."""

from __future__ import annotations

import io
import json

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from hub.connectors.base import LicenceRecord
from hub.enums import APPROVAL_KINDS, LicenceKind

FONT = "STSong-Light"  # a CID font every PDF reader has: no font file to ship or embed
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

_KIND_NAMES = {
    LicenceKind.ID_CARD: "居民身份证",
    LicenceKind.BUSINESS_LICENCE: "营业执照",
    LicenceKind.PROPERTY_TITLE: "不动产权证书",
    LicenceKind.PROJECT_REGISTRATION: "项目立项（备案）文件",
    LicenceKind.LAND_USE_PLANNING_PERMIT: "建设用地规划许可证",
    LicenceKind.PLANNING_PERMIT: "建设工程规划许可证",
    LicenceKind.CONSTRUCTION_PERMIT: "建筑工程施工许可证",
}
_NUMBER_LABELS = {
    LicenceKind.ID_CARD: "公民身份号码",
    LicenceKind.BUSINESS_LICENCE: "统一社会信用代码",
    LicenceKind.PROPERTY_TITLE: "不动产权证号",
    LicenceKind.PROJECT_REGISTRATION: "备案（批复）文号",
    LicenceKind.LAND_USE_PLANNING_PERMIT: "证书编号",
    LicenceKind.PLANNING_PERMIT: "证书编号",
    LicenceKind.CONSTRUCTION_PERMIT: "证书编号",
}
_HOLDER_LABELS = {
    LicenceKind.ID_CARD: "姓名",
    LicenceKind.BUSINESS_LICENCE: "名称",
    LicenceKind.PROPERTY_TITLE: "权利人",
    **{kind: "建设单位" for kind in APPROVAL_KINDS},
}
_DETAIL_LABELS = {
    "legal_representative": "法定代表人",
    "address": "住所/坐落",
    "area_m2": "面积",
    "project_code": "项目代码",
    "issued_on": "发证日期",
}
_STATUS_NAMES = {"VALID": "有效", "REVOKED": "已吊销", "EXPIRED": "已过期"}


def licence_lines(record: LicenceRecord) -> list[tuple[str, str]]:
    """(label, value) for every field of the record, in reading order."""
    lines = [
        ("证照类型", _KIND_NAMES[record.kind]),
        (_NUMBER_LABELS[record.kind], record.number),
        (_HOLDER_LABELS[record.kind], record.holder_name),
    ]
    if record.holder_uscc and record.kind != LicenceKind.BUSINESS_LICENCE:
        holder = "建设单位" if record.kind in APPROVAL_KINDS else "权利人"
        lines.append((f"{holder}统一社会信用代码", record.holder_uscc))
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
