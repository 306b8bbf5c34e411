"""The hub's own PUT route for the local backend: one PUT of exactly the announced bytes."""

from __future__ import annotations

from collections.abc import AsyncIterator

from hub import clock
from hub.auth.visibility import parse_id
from hub.enums import UploadStatus
from hub.models import Upload
from hub.objectstore import get_object_store
from hub.objectstore.base import TooLarge
from hub.objectstore.links import upload_signature_valid

CREATED, FORBIDDEN, CONFLICT, TOO_LARGE = 201, 403, 409, 413


async def receive_staged_upload(
    upload_id: str,
    *,
    expires: str | None,
    signature: str | None,
    content_length: str | None,
    chunks: AsyncIterator[bytes],
) -> int:
    """The HTTP status to answer: 201 stored, 403 bad or expired signature, 409 already used,
    413 more bytes than announced."""
    if not upload_signature_valid(upload_id, expires, signature, clock.now()):
        return FORBIDDEN
    uid = parse_id(upload_id)
    upload = await Upload.filter(id=uid).first() if uid else None
    if upload is None:
        return FORBIDDEN
    if upload.status != UploadStatus.REQUESTED:
        return CONFLICT
    if content_length and content_length.isdigit() and int(content_length) > upload.size:
        return TOO_LARGE
    # Claim the upload first so that two concurrent PUTs cannot both write.
    claimed = await Upload.filter(id=upload.id, status=UploadStatus.REQUESTED).update(
        status=UploadStatus.STAGED
    )
    if claimed != 1:
        return CONFLICT
    try:
        await get_object_store().put_stream(upload.staging_key, chunks, limit=upload.size)
    except TooLarge:
        await Upload.filter(id=upload.id).update(status=UploadStatus.REQUESTED)
        return TOO_LARGE
    except BaseException:
        await Upload.filter(id=upload.id).update(status=UploadStatus.REQUESTED)
        raise
    return CREATED
