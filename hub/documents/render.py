"""Rendering one notice: its docxtpl template filled with a context of plain values, plus the
QR code of its verification address. Pure CPU work, run in a thread by the job."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import segno
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from hub.enums import DocumentKind


def _templates_dir() -> Path:
    """doc_templates/ beside the hub package in a checkout; from the working directory when the
    hub is installed as a package (the image runs in /app, where the templates are copied)."""
    beside = Path(__file__).resolve().parents[2] / "doc_templates"
    return beside if beside.is_dir() else Path.cwd() / "doc_templates"


TEMPLATES_DIR = _templates_dir()
QR_SIZE = Mm(24)


def template_path(kind: DocumentKind) -> Path:
    return TEMPLATES_DIR / f"{kind.value.lower()}.docx"


@cache
def template_bytes(kind: DocumentKind) -> bytes:
    return template_path(kind).read_bytes()


def load_template(kind: DocumentKind) -> DocxTemplate:
    """A fresh template object (docxtpl renders in place, so one per render)."""
    return DocxTemplate(io.BytesIO(template_bytes(kind)))


def qr_png(url: str) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=6, border=2)
    return out.getvalue()


def render_docx(kind: DocumentKind, context: dict, *, verify_url: str) -> bytes:
    """The filled DOCX. `context` holds plain values (str, int, bool, lists, dicts); the QR code
    image of `verify_url` is added here as `qr_code`."""
    template = load_template(kind)
    image = InlineImage(template, io.BytesIO(qr_png(verify_url)), width=QR_SIZE, height=QR_SIZE)
    template.render({**context, "verify_url": verify_url, "qr_code": image}, autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def undeclared_variables(kind: DocumentKind) -> set[str]:
    return set(load_template(kind).get_undeclared_template_variables())
