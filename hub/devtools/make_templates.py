"""Writes the seven notice templates (docxtpl) into doc_templates/, one per DocumentKind.

    python -m hub.devtools.make_templates [--out DIR]

The committed templates are this script's output (byte for byte: fixed zip times and core
properties). Edit the layout in hub/devtools/templates/, run this, commit both.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from hub.devtools.templates.builder import Sheet
from hub.devtools.templates.forms import application_form, result_feedback_form
from hub.devtools.templates.notices import (
    consolidated_reply,
    consultation_minutes,
    correction_notice,
    receipt_notice,
    service_guide,
)
from hub.documents.render import TEMPLATES_DIR
from hub.enums import DocumentKind

TEMPLATES: dict[DocumentKind, Callable[[], Sheet]] = {
    DocumentKind.APPLICATION_FORM: application_form,
    DocumentKind.RECEIPT_NOTICE: receipt_notice,
    DocumentKind.CORRECTION_NOTICE: correction_notice,
    DocumentKind.RESULT_FEEDBACK_FORM: result_feedback_form,
    DocumentKind.CONSOLIDATED_REPLY: consolidated_reply,
    DocumentKind.SERVICE_GUIDE: service_guide,
    DocumentKind.CONSULTATION_MINUTES: consultation_minutes,
}


def write_templates(out_dir: Path = TEMPLATES_DIR) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, make in TEMPLATES.items():
        path = out_dir / f"{kind.value.lower()}.docx"
        make().save(path)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=TEMPLATES_DIR, help="target directory")
    args = parser.parse_args(argv)
    for path in write_templates(args.out):
        print(path)


if __name__ == "__main__":
    main()
