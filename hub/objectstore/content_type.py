"""The real type of a file, from its first bytes (and, for ZIP containers, their entries)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import BinaryIO

PDF, OFD, JPEG, PNG = "application/pdf", "application/ofd", "image/jpeg", "image/png"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ACCEPTED = frozenset({PDF, OFD, JPEG, PNG, DOCX, XLSX})
#: The file name extensions of each type, lower case, the usual one first.
EXTENSIONS: dict[str, tuple[str, ...]] = {
    PDF: ("pdf",),
    OFD: ("ofd",),
    JPEG: ("jpg", "jpeg"),
    PNG: ("png",),
    DOCX: ("docx",),
    XLSX: ("xlsx",),
}

_MAGIC = ((b"%PDF-", PDF), (b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG))


def sniff(path: Path) -> str | None:
    """One of ACCEPTED, or None when the content is none of them."""
    with path.open("rb") as f:
        return sniff_file(f)


def sniff_file(f: BinaryIO) -> str | None:
    """Like sniff, for a seekable binary file positioned anywhere."""
    f.seek(0)
    head = f.read(16)
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(b"PK\x03\x04"):
        f.seek(0)
        return _zip_kind(f)
    return None


def _zip_kind(f: BinaryIO) -> str | None:
    try:
        with zipfile.ZipFile(f) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    if "OFD.xml" in names:
        return OFD
    return None


def same_type(announced: str, actual: str) -> bool:
    """Uploads announce a media type's essence; older ones kept their parameters."""
    return announced.split(";")[0].strip().lower() == actual
