"""The name a stored file is kept and downloaded under: a client's name is metadata, cleaned
of paths and control characters, and its extension made to match the file's verified type (so a
PDF named `施工许可证.bat` is kept as `施工许可证.pdf`, never opened as a batch script)."""

from __future__ import annotations

import re
import unicodedata

from hub.objectstore.content_type import EXTENSIONS

MAX_FILENAME_LENGTH = 255

# What is taken for an extension (and replaced when wrong): up to 10 ASCII letters and digits
# after the last dot, with at least one letter. Anything else after a dot ("扫描件 2024.03.01",
# "第 1.5 版") is part of the name, and the right extension is appended to it instead.
_EXTENSION = re.compile(r"^(?P<stem>.+)\.(?P<ext>(?=[0-9]*[A-Za-z])[A-Za-z0-9]{1,10})$")


def clean_filename(name: str) -> str:
    """Only the last path segment, without control characters: a name is metadata, not a key."""
    name = re.split(r"[\\/]", name or "")[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip(" .")
    return name[:MAX_FILENAME_LENGTH]


def name_for_type(filename: str, content_type: str) -> str:
    """`filename` with an extension of `content_type`: kept when it has one already (any case),
    a wrong extension replaced (`a.bat` -> `a.pdf`, `a.pdf.exe` -> `a.pdf`), none appended.
    A type without known extensions leaves the name as it is."""
    extensions = EXTENSIONS.get(content_type)
    if not extensions:
        return filename
    stem = filename
    if match := _EXTENSION.match(filename):
        if match["ext"].lower() in extensions:
            return filename
        stem = match["stem"].rstrip(" .") or match["stem"]
        if (inner := _EXTENSION.match(stem)) and inner["ext"].lower() in extensions:
            return stem
    suffix = f".{extensions[0]}"
    return stem[: MAX_FILENAME_LENGTH - len(suffix)] + suffix
