"""Once an upload URL has expired, nothing may stay at its staging key: uploads never completed
become EXPIRED, and a late PUT after completion (possible with S3's presigned URLs) is removed."""

from __future__ import annotations

from hub import clock
from hub.enums import UploadStatus
from hub.jobs.constants import UPLOAD_CLEANUP_JOB
from hub.jobs.periodic import PeriodicJob
from hub.models import Upload
from hub.objectstore import get_object_store
from hub.objectstore.base import ObjectStoreUnavailable

OPEN = (UploadStatus.REQUESTED, UploadStatus.STAGED)


async def expire_stale_uploads(limit: int = 500) -> int:
    """Deletes the staging objects of expired upload URLs and returns how many uploads became
    EXPIRED; with the store down, everything stays as it is and the next run tries again."""
    store = get_object_store()
    stale = await Upload.filter(staging_cleared=False, expires_at__lt=clock.now()).limit(limit)
    expired = 0
    for upload in stale:
        try:
            await store.delete(upload.staging_key)
        except ObjectStoreUnavailable:
            break
        changes = {"staging_cleared": True}
        if upload.status in OPEN:
            changes["status"] = UploadStatus.EXPIRED
        updated = await Upload.filter(id=upload.id, status=upload.status).update(**changes)
        expired += updated if upload.status in OPEN else 0
    return expired


async def _cleanup_summary() -> dict:
    return {"expired": await expire_stale_uploads()}


# Not unique: two workers clearing the same staging keys only repeat a delete.
STALE_UPLOADS = PeriodicJob(
    name=UPLOAD_CLEANUP_JOB, run=_cleanup_summary, every_minutes=5, second=30, unique=False
)
