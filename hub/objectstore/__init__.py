"""The object store the hub keeps materials and documents in."""

from __future__ import annotations

from functools import cache

from hub.objectstore.local import LocalObjectStore
from hub.settings import get_settings


@cache
def get_object_store() -> LocalObjectStore:
    return LocalObjectStore(get_settings().objects_dir)
