"""The object store the hub keeps materials and documents in: S3 when HUB_S3_ENDPOINT is set,
else the local directory storage/objects/."""

from __future__ import annotations

import contextlib
from functools import cache

from hub.errors import UpstreamUnavailable
from hub.objectstore.base import ObjectStore, ObjectStoreUnavailable
from hub.settings import get_settings


@cache
def get_object_store() -> ObjectStore:
    settings = get_settings()
    if settings.s3_endpoint:
        from hub.objectstore.s3 import S3ObjectStore

        return S3ObjectStore.from_settings(settings)
    from hub.objectstore.local import LocalObjectStore

    return LocalObjectStore(settings.objects_dir)


@contextlib.contextmanager
def store_errors():
    """The store being down is the client's UPSTREAM_UNAVAILABLE, never INTERNAL."""
    try:
        yield
    except ObjectStoreUnavailable as error:
        raise UpstreamUnavailable(
            "文件存储暂不可用，请稍后重试 (object store unavailable)", detail=str(error)[:200]
        ) from error
