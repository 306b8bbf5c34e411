"""Uploads requested but never completed: their staged bytes go once they expire."""

from __future__ import annotations

from hub import clock
from hub.enums import UploadStatus
from hub.models import Upload
from hub.objectstore import get_object_store
from hub.objectstore.base import ObjectStoreUnavailable


async def expire_stale_uploads(limit: int = 500) -> int:
    """Deletes staged objects of expired uploads and marks them EXPIRED; with the store down,
    they stay as they are and the next run tries again."""
    store = get_object_store()
    stale = await Upload.filter(
        status__in=[UploadStatus.REQUESTED, UploadStatus.STAGED], expires_at__lt=clock.now()
    ).limit(limit)
    expired = 0
    for upload in stale:
        try:
            await store.delete(upload.staging_key)
        except ObjectStoreUnavailable:
            break
        expired += await Upload.filter(id=upload.id, status=upload.status).update(
            status=UploadStatus.EXPIRED
        )
    return expired
