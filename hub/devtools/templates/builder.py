"""Small python-docx helpers to write the notices' docxtpl templates: A4 page, CJK fonts, a
centred title, labelled form tables, table-row loops, the signature and verification blocks.

Every Jinja tag is written with ONE `add_run`, so Word never splits it across runs.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

LATIN_FONT = "Times New Roman"
BODY_FONT = "Noto Serif CJK SC"  # fonts-noto-cjk for the PDF; Word falls back to 宋体
TITLE_FONT = "Noto Sans CJK SC"  # Word falls back to 黑体
FALLBACKS = {BODY_FONT: "宋体", TITLE_FONT: "黑体"}
TEXT_WIDTH_MM = 160  # A4 210 mm less 25 mm margins
FIXED_TIME = datetime(2026, 1, 1)  # core properties and zip entries: reproducible bytes
ZIP_TIME = (2026, 1, 1, 0, 0, 0)
CENTER, RIGHT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


@dataclass(frozen=True)
class C:
    """One cell of a grid row: its text (may hold a Jinja tag), span and look."""

    text: str = ""
    span: int = 1
    label: bool = False
    align: WD_ALIGN_PARAGRAPH | None = None


def set_fonts(rpr, *, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Explicit fonts on a run or style's rPr; theme fonts would win over them, so they go."""
    fonts = rpr.get_or_add_rFonts()
    for attr in THEME_FONT_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


def _black(style) -> None:
    color = style.element.rPr.find(qn("w:color")) if style.element.rPr is not None else None
    if color is not None:
        style.element.rPr.remove(color)


def _add_fallback_fonts(document) -> None:
    """Declare the CJK fonts in the font table with an altName Word uses when it lacks them."""
    part = document.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable"
    )
    entries = "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
        f'<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
        for name, alt in FALLBACKS.items()
    )
    part._blob = part.blob.replace(b"</w:fonts>", entries.encode() + b"</w:fonts>")


class Sheet:
    """One template being written."""

    def __init__(self, title: str) -> None:
        self.doc = Document()
        self._page()
        self._styles()
        _add_fallback_fonts(self.doc)
        self._properties(title)
        self._page_numbers()

    # --- set-up -------------------------------------------------------------------------

    def _page(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(25)
        section.top_margin, section.bottom_margin = Mm(25), Mm(22)

    def _styles(self) -> None:
        styles = self.doc.styles
        defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
        rpr = defaults.find(qn("w:rPr"))
        set_fonts(rpr, east_asia=BODY_FONT)
        lang = rpr.find(qn("w:lang"))
        lang.set(qn("w:eastAsia"), "zh-CN")
        normal = styles["Normal"]
        set_fonts(normal.element.get_or_add_rPr(), east_asia=BODY_FONT)
        normal.font.size = Pt(11)
        normal.paragraph_format.space_after = Pt(3)
        normal.paragraph_format.line_spacing = 1.25
        for name, size in (("Heading 1", 16), ("Heading 2", 13)):
            style = styles[name]
            set_fonts(style.element.get_or_add_rPr(), east_asia=TITLE_FONT)
            _black(style)
            style.font.size, style.font.bold = Pt(size), True
            style.paragraph_format.space_before = Pt(10 if name == "Heading 2" else 0)
            style.paragraph_format.space_after = Pt(6)
        styles["Heading 1"].paragraph_format.alignment = CENTER

    def _properties(self, title: str) -> None:
        props = self.doc.core_properties
        props.title, props.subject = title, "水电气报装一次办"
        props.author = props.last_modified_by = "韶关市政务服务大厅"
        props.comments = "由 python -m hub.devtools.make_templates 生成（docxtpl 模板）"
        props.created = props.modified = FIXED_TIME
        props.revision = 1
        package = self.doc.part.package
        for rels in (package.rels, self.doc.part.rels):  # no thumbnail, no stylesWithEffects
            for rid, rel in list(rels.items()):
                if rel.reltype.endswith(("/thumbnail", "/stylesWithEffects")):
                    rels.pop(rid)

    def _page_numbers(self) -> None:
        paragraph = self.doc.sections[0].footer.paragraphs[0]
        paragraph.alignment = CENTER
        paragraph.add_run("第 ")
        _field(paragraph, "PAGE")
        paragraph.add_run(" 页  共 ")
        _field(paragraph, "NUMPAGES")
        paragraph.add_run(" 页")

    # --- paragraphs ---------------------------------------------------------------------

    def para(self, text="", *, bold=False, align=None, indent=False, size=None, before=None):
        """One paragraph of one run; `before`: space above in points (after a table)."""
        paragraph = self.doc.add_paragraph()
        if before:
            paragraph.paragraph_format.space_before = Pt(before)
        if text:
            run = paragraph.add_run(text)
            run.bold = bold or None
            if size:
                run.font.size = Pt(size)
        paragraph.alignment = align
        if indent:
            paragraph.paragraph_format.first_line_indent = Pt(22)
        return paragraph

    def labelled(self, label: str, value: str, *, before=None) -> Paragraph:
        paragraph = self.para(before=before)
        paragraph.add_run(label).bold = True
        paragraph.add_run(value)
        return paragraph

    def tag(self, tag: str) -> Paragraph:
        """A paragraph holding only a `{%p ... %}` tag: docxtpl replaces the paragraph."""
        return self.para(tag)

    def title(self, *lines: str, attachment: str | None = None) -> None:
        """The centred title; several lines are joined with line breaks."""
        if attachment:
            self.para(attachment, bold=True)
        heading = self.doc.add_heading(lines[0], level=1)
        for line in lines[1:]:
            heading.add_run().add_break()
            heading.add_run(line)

    def heading(self, text: str) -> None:
        self.doc.add_heading(text, level=2)

    def case_line(self, *, code: bool = True) -> None:
        text = "案件编号：{{ case_no }}"
        if code:
            text += "　　核验码：{{ verification_code }}"
        self.para(text, align=CENTER, size=10)

    # --- tables -------------------------------------------------------------------------

    def grid(self, widths_mm: list[int], rows: list[list[C]]) -> Table:
        """A bordered table; cells span columns as asked (a row's spans add up to the width)."""
        table = self.doc.add_table(rows=0, cols=len(widths_mm))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _column_widths(table, widths_mm)
        for spec in rows:
            self._row(table, widths_mm, spec)
        return table

    def _row(self, table: Table, widths_mm: list[int], spec: list[C]) -> None:
        cells = table.add_row().cells
        for cell, width in zip(cells, widths_mm, strict=True):
            cell.width = Mm(width)
        column = 0
        for item in spec:
            cell = cells[column]
            if item.span > 1:
                cell = cell.merge(cells[column + item.span - 1])
            write_cell(cell, item)
            column += item.span
        if column != len(widths_mm):
            raise ValueError(f"row spans {column} of {len(widths_mm)} columns: {spec}")

    def form(self, rows: list[list[tuple[str, str]]], widths_mm=(36, 44, 36, 44)) -> Table:
        """Label/value pairs, two per row; a single pair spans the whole row."""
        width = len(widths_mm)
        grid_rows = []
        for pairs in rows:
            cells: list[C] = []
            for label, value in pairs:
                span = width - 1 if len(pairs) == 1 else 1
                cells += [C(label, label=True), C(value, span=span)]
            grid_rows.append(cells)
        return self.grid(list(widths_mm), grid_rows)

    def loop_table(
        self,
        widths_mm: list[int],
        headers: list[str],
        cells: list[str],
        loop: str,
        *,
        empty: str | None = None,
    ) -> Table:
        """Header row, then one row per item of `loop` (`{%tr for x in xs %}`); `empty` prints
        one row when the list is empty."""
        span = len(widths_mm)
        rows = [[C(h, label=True, align=CENTER) for h in headers]]  # repeated on each page
        rows += [[C(f"{{%tr for {loop} %}}", span=span)], [C(text) for text in cells]]
        rows += [[C("{%tr endfor %}", span=span)]]
        if empty:
            listed = loop.split(" in ", 1)[1].strip()
            rows += [[C(f"{{%tr if not {listed} %}}", span=span)]]
            rows += [[C(empty, span=span, align=CENTER)], [C("{%tr endif %}", span=span)]]
        table = self.grid(widths_mm, rows)
        _set_row_flag(table.rows[0], "w:tblHeader")
        return table

    # --- the blocks every notice has ----------------------------------------------------

    def applicant_block(self) -> None:
        self.form(
            [
                [("申请企业", "{{ applicant.name }}")],
                [
                    ("统一社会信用代码", "{{ applicant.uscc }}"),
                    ("报装业务", "{{ utilities_text }}"),
                ],
                [
                    ("经办人", "{{ applicant.contact_name }}"),
                    ("联系电话", "{{ applicant.contact_phone }}"),
                ],
                [("项目名称", "{{ project.name }}")],
                [("项目地址", "{{ project.address }}")],
            ]
        )

    def signature(self, issuer: str = "{{ issuer }}", date: str = "{{ issue_date }}") -> None:
        """Issuer and date at the bottom right, kept on the page of the QR code below."""
        lines = [self.para(), self.para(issuer, align=RIGHT)]
        if date:
            lines.append(self.para(date, align=RIGHT))
        for paragraph in lines:
            paragraph.paragraph_format.keep_with_next = True

    def verification(self, *, code: bool = True, purpose: str = "核验本文件真伪") -> None:
        """The QR code of the verification address, beside its address and the code."""
        table = self.doc.add_table(rows=1, cols=2)
        _no_borders(table)
        _column_widths(table, [30, TEXT_WIDTH_MM - 30])
        _set_row_flag(table.rows[0], "w:cantSplit")
        left, right = table.rows[0].cells
        left.width, right.width = Mm(30), Mm(TEXT_WIDTH_MM - 30)
        left.paragraphs[0].add_run("{{ qr_code }}")
        write_cell(right, C(f"扫码或访问 {{{{ verify_url }}}} {purpose}"))
        if code:
            right.add_paragraph().add_run("核验码：{{ verification_code }}")
        right.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER

    # --- output -------------------------------------------------------------------------

    def save(self, path: Path) -> None:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        path.write_bytes(reproducible_zip(buffer.getvalue()))


def write_cell(cell: _Cell, item: C) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    if item.align is not None:
        paragraph.alignment = item.align
    if item.text:
        run = paragraph.add_run(item.text)
        run.bold = item.label or None


def _field(paragraph: Paragraph, instruction: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _set_row_flag(row, flag: str) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement(flag))


def _column_widths(table: Table, widths_mm: list[int]) -> None:
    """The grid's widths: LibreOffice lays a table out by them, Word by the cells'."""
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)


def _no_borders(table: Table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    # Word insists on the schema's order of table properties.
    later = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption")
    table._tbl.tblPr.insert_element_before(borders, *later)


def reproducible_zip(data: bytes) -> bytes:
    """The same package with fixed entry times, so a rebuild gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
