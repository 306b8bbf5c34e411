"""What each notice is called, on paper and as a file."""

from __future__ import annotations

from hub.enums import UTILITY_TITLES, DocumentKind, Utility

TITLES = {
    DocumentKind.APPLICATION_FORM: "水电气协同报装申请表",
    DocumentKind.RECEIPT_NOTICE: "收件通知书",
    DocumentKind.CORRECTION_NOTICE: "一次性补正告知书",
    DocumentKind.RESULT_FEEDBACK_FORM: "办理结果反馈表",
    DocumentKind.CONSOLIDATED_REPLY: "水电气报装联合答复书",
    DocumentKind.SERVICE_GUIDE: "水电气报装办事指南",
    DocumentKind.CONSULTATION_MINUTES: "前后台会商纪要",
}
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"


def file_stem(
    kind: DocumentKind, case_no: str, *, version: int = 1, utility: Utility | None = None
) -> str:
    parts = [TITLES[kind], case_no]
    if utility is not None:
        parts.append(UTILITY_TITLES[utility])
    if version > 1:
        parts.append(f"v{version}")
    return "-".join(parts)
