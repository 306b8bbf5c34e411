"""Notices and replies."""

from __future__ import annotations

import dataclasses

import strawberry
from strawberry.types import Info

from hub.documents.downloads import document_download_url
from hub.documents.verification import Verification
from hub.figures.export import ExportFile, export_download_url, export_file
from hub.models import CasesExport
from hub.models import Document as DocumentRow
from hub.schema.enums import DocumentKind, DocumentStatus
from hub.schema.rows import from_row, graphql_id
from hub.schema.scalars import DateTime


@strawberry.type(
    description="一个可下载的文件：文书的 PDF 版本，或案件导出（casesExport）的 XLSX（由后台任务"
    "生成：先为 PENDING，用 casesExportFile(id) 查询直至 READY）。One downloadable file: a "
    "notice's PDF rendering, or the XLSX of a cases export (casesExport; written by a job: "
    "PENDING at first, asked again with casesExportFile(id) until READY)."
)
class DocumentFile:
    filename: str = strawberry.field(description="文件名。The file's name.")
    size: int = strawberry.field(
        description="文件大小（字节）；导出未就绪时为 0。Its size in bytes; 0 while an export is "
        "not READY."
    )
    sha256: str = strawberry.field(
        description="文件的 sha256，64 位小写十六进制；导出未就绪时为空串。Its sha256, lowercase "
        "hex; empty while an export is not READY."
    )
    id: strawberry.ID | None = strawberry.field(
        default=None,
        description="案件导出的 ID（供 casesExportFile 查询）；文书的 PDF 为 null。A cases "
        "export's id (for casesExportFile); null for a notice's PDF.",
    )
    status: DocumentStatus = strawberry.field(
        default=DocumentStatus.READY,
        description="生成状态：案件导出先为 PENDING，任务写完为 READY，多次失败为 FAILED；文书的 "
        "PDF 总是 READY。Whether it is written: a cases export is PENDING until its job wrote "
        "it (READY) or gave up (FAILED); a notice's PDF is always READY.",
    )
    row: strawberry.Private[DocumentRow | None] = None  # a notice's PDF
    export: strawberry.Private[ExportFile | None] = None  # or a cases export

    @classmethod
    def of_export(cls, export: CasesExport) -> DocumentFile:
        return cls(
            filename=export.filename,
            size=export.size or 0,
            sha256=export.sha256 or "",
            id=graphql_id(export.id),
            status=DocumentStatus(export.status),
            export=export_file(export),
        )

    @strawberry.field(
        description="限时下载地址（默认 300 秒），每次签发均记入审计；导出未就绪时为 null。An "
        "expiring download address (300 s by default); each one issued is audited; null while "
        "an export is not READY."
    )
    async def download_url(self, info: Info) -> str | None:
        if self.status != DocumentStatus.READY:
            return None
        if self.export is not None:
            return await export_download_url(info.context.principal, self.export)
        return await document_download_url(info.context.principal, self.row, pdf=True)


@strawberry.type(
    description="一份文书：主文件为 DOCX，pdf 为其 PDF 版本；新版本生成后旧版本标记为已取代。"
    "A notice: its main file is the DOCX, `pdf` its PDF rendering; a new version supersedes "
    "the old one."
)
class Document:
    row: strawberry.Private[DocumentRow]
    id: strawberry.ID = strawberry.field(description="文书 ID。The notice's opaque id.")
    kind: DocumentKind = strawberry.field(description="文书种类。The kind of notice.")
    status: DocumentStatus = strawberry.field(description="生成状态。Whether it is rendered.")
    version: int = strawberry.field(
        description="同一案件（或工单）同种文书的版本号，从 1 起。The version among the case's "
        "(or ticket's) notices of this kind, from 1."
    )
    superseded: bool = strawberry.field(
        description="是否已被新版本取代。Whether a newer version superseded it."
    )
    ticket_id: strawberry.ID | None = strawberry.field(
        description="办理结果反馈表所属工单；案件的文书为 null。The ticket of a result feedback "
        "form; null for the case's notices."
    )
    consultation_id: strawberry.ID | None = strawberry.field(
        description="会商纪要所属会商（Case.consultations 的 id）；其他文书为 null。The "
        "consultation whose minutes it is (an id of Case.consultations); null for other kinds."
    )
    filename: str | None = strawberry.field(
        description="DOCX 文件名；READY 前为 null。The DOCX's name; null until READY."
    )
    size: int | None = strawberry.field(
        description="DOCX 大小（字节）；READY 前为 null。The DOCX's size in bytes; null until "
        "READY."
    )
    sha256: str | None = strawberry.field(
        description="DOCX 的 sha256（小写十六进制）；READY 前为 null。The DOCX's sha256, lowercase "
        "hex; null until READY."
    )
    verification_code: str | None = strawberry.field(
        description="验真码（24 位十六进制），印在文书二维码中，verifyDocument 使用。The "
        "verification code (24 hex digits) the notice's QR code carries, for verifyDocument."
    )
    pdf: DocumentFile | None = strawberry.field(
        description="PDF 版本；未生成 PDF 时为 null（见 error）。The PDF rendering; null when "
        "there is none (see `error`)."
    )
    error: str | None = strawberry.field(
        description="生成失败原因（FAILED），或 READY 时未能生成 PDF 的说明；否则为 null。Why "
        "rendering failed (FAILED), or why a READY notice has no PDF; else null."
    )
    attempts: int = strawberry.field(
        description="已尝试生成的次数。How many times rendering was tried."
    )
    created_at: DateTime = strawberry.field(
        description="开具（排队生成）时间。When it was issued and queued for rendering."
    )
    ready_at: DateTime | None = strawberry.field(
        description="生成完成时间；READY 前为 null。When it became READY; null before."
    )

    @strawberry.field(
        description="READY 后 DOCX 的限时下载地址（默认 300 秒），每次签发均记入审计；否则为 "
        "null。An expiring download address of the DOCX once READY (300 s by default), each "
        "one audited; null before."
    )
    async def download_url(self, info: Info) -> str | None:
        return await document_download_url(info.context.principal, self.row)

    @classmethod
    def from_model(cls, row: DocumentRow) -> Document:
        pdf = None
        if row.pdf_sha256:
            pdf = DocumentFile(
                row=row, filename=row.pdf_filename, size=row.pdf_size, sha256=row.pdf_sha256
            )
        return from_row(
            cls,
            row,
            row=row,
            superseded=row.superseded_at is not None,
            ticket_id=graphql_id(row.ticket_id),
            consultation_id=graphql_id(row.consultation_id),
            pdf=pdf,
        )


@strawberry.type(
    description="纸质文书验真码所证明的内容，无需登录，不含个人信息。What a printed notice's "
    "verification code proves: no login needed, no personal data."
)
class DocumentVerification:
    kind: DocumentKind = strawberry.field(description="文书种类。The kind of notice.")
    title: str = strawberry.field(description="文书标题。The notice's title.")
    case_no: str | None = strawberry.field(description="案件编号。The case number.")
    version: int = strawberry.field(description="文书版本号。The notice's version.")
    issued_at: DateTime = strawberry.field(
        description="出具（生成完成）时间。When it was issued (rendered)."
    )
    sha256: str = strawberry.field(
        description="DOCX 的 sha256（小写十六进制），可与手中文件比对。The DOCX's sha256, "
        "lowercase hex, to compare with the file at hand."
    )
    pdf_sha256: str | None = strawberry.field(
        description="PDF 的 sha256；无 PDF 时为 null。The PDF's sha256; null without a PDF."
    )
    superseded: bool = strawberry.field(
        description="是否已被新版本取代（持有的可能不是最新版）。Whether a newer version "
        "superseded it."
    )

    @classmethod
    def from_facts(cls, facts: Verification) -> DocumentVerification:
        return cls(**dataclasses.asdict(facts))
