"""Electronic materials and uploads."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.auth.principal import Principal
from hub.auth.visibility import sees_full_personal_data
from hub.enums import LicenceKind as LicenceKindValue
from hub.materials.downloads import download_ttl, issue_material_url
from hub.models import Material as MaterialRow
from hub.schema.enums import LicenceKind, MaterialSource
from hub.schema.rows import from_row, graphql_id
from hub.schema.scalars import JSON, Date, DateTime
from hub.validation.identifiers import mask_id_number


@strawberry.type(
    description="电子证照材料的证照信息。The licence facts of a material pulled as an electronic "
    "licence."
)
class LicenceInfo:
    kind: LicenceKind = strawberry.field(description="证照种类。The kind of licence.")
    number: str = strawberry.field(
        description="证照号码；身份证号仅对申请人本人、窗口和管理员完整显示，其他人看到前 6 位"
        "和后 4 位。The licence number; an ID card's is masked (first 6 and last 4 shown) for "
        "everyone but the applicant, the window and admins."
    )
    issuer: str | None = strawberry.field(
        description="发证机关；未知时为 null。The issuing authority; null when unknown."
    )
    valid_until: Date | None = strawberry.field(
        description="有效期至；长期有效时为 null。Valid until this date; null when it has no end."
    )
    pulled_at: DateTime = strawberry.field(description="调取时间。When the hub pulled it.")


@strawberry.type(
    description="一份电子材料；文件内容按 sha256 只存一份。供能企业只看到本单位所需的材料和工单的"
    "审批结果。An electronic material, its bytes kept once by sha256; a utility sees those its "
    "requirements need and the tickets' approval results."
)
class Material:
    row: strawberry.Private[MaterialRow]
    id: strawberry.ID = strawberry.field(description="材料 ID。The material's opaque id.")
    requirement_code: str | None = strawberry.field(
        description="满足的材料要求代码（Requirement.code）；工单审批结果为 null。The requirement "
        "it meets (Requirement.code); null for a ticket's approval result."
    )
    source: MaterialSource = strawberry.field(description="材料来源。Where it came from.")
    filename: str = strawberry.field(
        description="文件名（最多 255 字符，不含路径）。The file name, without any path (at most "
        "255 characters)."
    )
    content_type: str = strawberry.field(
        description="按内容识别的媒体类型：PDF、OFD、JPEG、PNG、DOCX 或 XLSX。The media type "
        "found from the content: PDF, OFD, JPEG, PNG, DOCX or XLSX."
    )
    size: int = strawberry.field(description="文件大小（字节）。The file's size in bytes.")
    sha256: str = strawberry.field(
        description="文件内容的 sha256，64 位小写十六进制。The content's sha256, lowercase hex."
    )
    ticket_id: strawberry.ID | None = strawberry.field(
        description="作为工单审批结果上传时为该工单 ID，否则为 null。The ticket whose approval "
        "result it is; null for a case material."
    )
    created_at: DateTime = strawberry.field(description="加入案件的时间。When it was added.")
    superseded: bool = strawberry.field(
        description="是否已被补正后的材料替换（替换后默认不再列出）。Whether a corrected material "
        "replaced it (then it is listed only when asked)."
    )
    licence: LicenceInfo | None = strawberry.field(
        description="电子证照的证照信息；其他来源为 null。The licence facts of an electronic "
        "licence; null otherwise."
    )

    @strawberry.field(
        description="限时下载地址，每次签发均记入审计；本单位不需要该材料的供能企业得到 FORBIDDEN，"
        "存储不可用时为 UPSTREAM_UNAVAILABLE。An expiring download address, each one audited; "
        "FORBIDDEN for a utility that does not need the material."
    )
    async def download_url(
        self,
        info: Info,
        ttl_seconds: Annotated[
            int | None,
            strawberry.argument(
                description="有效秒数，1 到 3600，默认 300；超出为 BAD_USER_INPUT。Seconds the "
                "address stays valid: 1 to 3600, 300 by default (else BAD_USER_INPUT)."
            ),
        ] = None,
    ) -> str | None:
        return await issue_material_url(info.context.principal, self.row, download_ttl(ttl_seconds))

    @classmethod
    def from_model(cls, row: MaterialRow, principal: Principal) -> Material:
        licence = None
        if row.licence_kind is not None:
            number = row.licence_number or ""
            full_ids, _ = sees_full_personal_data(principal, handles_case=True)
            if row.licence_kind == LicenceKindValue.ID_CARD and not full_ids:
                number = mask_id_number(number)
            licence = LicenceInfo(
                kind=row.licence_kind,
                number=number,
                issuer=row.licence_issuer,
                valid_until=row.licence_valid_until,
                pulled_at=row.licence_pulled_at,
            )
        return from_row(
            cls,
            row,
            row=row,
            ticket_id=graphql_id(row.ticket_id),
            superseded=row.superseded_by_id is not None,
            licence=licence,
        )


@strawberry.type(
    description="上传凭据：在 expiresAt 前向 url 发送一次 PUT，内容须与申报完全一致，然后调用 "
    "completeMaterialUpload。Where and how to PUT the announced bytes, once, before expiresAt; "
    "then call completeMaterialUpload."
)
class UploadTicket:
    upload_id: strawberry.ID = strawberry.field(
        description="上传 ID，completeMaterialUpload 时使用。The upload's id, for "
        "completeMaterialUpload."
    )
    url: str = strawberry.field(
        description="签名的上传地址（勿记录到日志）。The signed address to PUT to (keep it out "
        "of logs)."
    )
    method: str = strawberry.field(description="HTTP 方法，总是 PUT。The HTTP method: always PUT.")
    headers: JSON = strawberry.field(
        description="PUT 时须带的请求头（如 Content-Type），{名称: 值}。The headers the PUT must "
        "carry (Content-Type, ...), as {name: value}."
    )
    expires_at: DateTime = strawberry.field(
        description="上传地址失效时间（默认请求后 900 秒）。When the address expires (900 s after "
        "the request by default)."
    )


@strawberry.input(
    description="申报一次上传：文件名、类型、大小和 sha256 须与随后 PUT 的内容一致。An upload to "
    "announce: the name, type, size and sha256 of the bytes the PUT will carry."
)
class UploadRequestInput:
    case_id: strawberry.ID = strawberry.field(description="案件 ID。The case's id.")
    filename: str = strawberry.field(
        description="文件名，必填；路径和控制字符会被去掉，扩展名按实际类型修正。The file name: "
        "required; any path and control characters are dropped, the extension fits the real type."
    )
    content_type: str = strawberry.field(
        description="媒体类型：application/pdf、application/ofd、image/jpeg、image/png、DOCX 或 "
        "XLSX；其他为 UNSUPPORTED_MEDIA_TYPE。The media type: PDF, OFD, JPEG, PNG, DOCX or XLSX; "
        "any other is UNSUPPORTED_MEDIA_TYPE."
    )
    size: int = strawberry.field(
        description="字节数，大于 0，不超过 HUB_MAX_UPLOAD_BYTES（默认 50 MiB，否则 "
        "PAYLOAD_TOO_LARGE）。Bytes: above 0 and at most HUB_MAX_UPLOAD_BYTES (50 MiB by "
        "default, else PAYLOAD_TOO_LARGE)."
    )
    sha256: str = strawberry.field(
        description="内容的 sha256，64 位小写十六进制。The content's sha256, 64 lowercase hex "
        "digits."
    )
    requirement_code: str | None = strawberry.field(
        default=None,
        description="满足的材料要求代码，须为本申请所需。The requirement it meets; one of this "
        "application's.",
    )
    ticket_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="上传本单位工单的审批结果时填写（SURVEYED 或 RESULT_SUBMITTED）。Set to upload "
        "an approval result of one's own ticket (SURVEYED or RESULT_SUBMITTED).",
    )
    replaces_material_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="补正时被替换的现行材料（同一案件或同一工单）。A corrected material: the "
        "current one of the same case or ticket it supersedes.",
    )


@strawberry.type(
    description="未能调取的一种证照及原因。A licence kind that could not be pulled, and why."
)
class LicenceFailure:
    kind: LicenceKind = strawberry.field(description="证照种类。The kind of licence.")
    code: str = strawberry.field(
        description="LICENCE_NOT_FOUND、LICENCE_INVALID（过期或吊销）、LICENCE_MISMATCH（信息不符）"
        "或 UPSTREAM_UNAVAILABLE。LICENCE_NOT_FOUND, LICENCE_INVALID (expired or revoked), "
        "LICENCE_MISMATCH or UPSTREAM_UNAVAILABLE."
    )
    message: str = strawberry.field(
        description="给人看的说明，中文在前；不符时列出不一致的字段。What happened, Chinese first; "
        "for a mismatch, the fields that differ."
    )


@strawberry.type(
    description="调取电子证照的结果：逐种成功或失败，整体不报错。The outcome of pullLicences: "
    "each kind pulled or failed, the call itself succeeding."
)
class LicencePull:
    materials: list[Material] = strawberry.field(
        description="调取到（或复用）的证照材料。The licence materials pulled or reused."
    )
    failures: list[LicenceFailure] = strawberry.field(
        description="未能调取的种类，可改为上传。The kinds that failed; upload them instead."
    )


@strawberry.type(
    description="案件材料如何备齐（零材料统计），每项要求只计一次。How the case's requirements "
    "were met (零材料 figures), each requirement counted once."
)
class MaterialFigures:
    by_licence: int = strawberry.field(
        description="由电子证照满足的要求数。Requirements met by pulled electronic licences."
    )
    by_reuse: int = strawberry.field(
        description="由已有材料复用满足的要求数。Requirements met by materials already held."
    )
    by_upload: int = strawberry.field(
        description="只能靠上传满足的要求数。Requirements met only with uploads."
    )
    zero_material: bool = strawberry.field(
        description="已有材料且无需上传任何文件。Something is there and nothing was uploaded."
    )
