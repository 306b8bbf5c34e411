"""`hub backup` and `hub restore` for the embedded default: the SQLite database, the objects
under storage/objects/ and the generated storage/secret_key (README, "Backup and restore").

Order matters. The database is copied first, online, with SQLite's backup API (a consistent
snapshot while the hub keeps writing); the objects afterwards: content objects are written
before the rows naming them and never deleted, so every object the snapshot names is already
there. Unfinished uploads (staging/) and half-written files are left out. A restore copies the
secret key and the objects first and the database last, so a hub started too early finds no
database rather than rows without their files.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from hub.settings import Settings

DATABASE_FILE = "hub.sqlite3"
OBJECTS_DIR = "objects"
SECRET_KEY_FILE = "secret_key"
_NOT_BACKED_UP = shutil.ignore_patterns("staging", ".part-*")


class BackupError(Exception):
    """Why a backup or a restore cannot be made, in one line an operator can act on."""


@dataclass(frozen=True)
class Copied:
    database_bytes: int
    objects: int
    secret_key: bool  # False: HUB_SECRET_KEY is set, keep it where it is kept

    def __str__(self) -> str:
        key = "storage/secret_key" if self.secret_key else "no secret key file (HUB_SECRET_KEY)"
        return f"database {self.database_bytes} bytes, {self.objects} objects, {key}"


def _sqlite_path(settings: Settings) -> Path:
    url = settings.effective_database_url
    if settings.s3_endpoint or not url.startswith("sqlite://"):
        raise BackupError(
            "hub backup/restore 只用于内置默认配置 (SQLite and storage/ only): with PostgreSQL "
            "and S3 use pg_dump/pg_restore and the store's own copy (README, Backup and restore)"
        )
    return Path(url.removeprefix("sqlite://"))


def _copy_database(source: Path, target: Path) -> int:
    """SQLite's online backup: a consistent snapshot even while another process writes (the
    hub's write-ahead log included). sqlite3's own context manager would not close."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    return target.stat().st_size


def _count_files(root: Path) -> int:
    return sum(1 for path in root.rglob("*") if path.is_file())


def _copy_secret(source: Path, target: Path) -> None:
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(source.read_text())


def backup(settings: Settings, destination: Path) -> Copied:
    """Database, then objects, then the secret key, into `destination` (new or empty)."""
    database = _sqlite_path(settings)
    if not database.is_file():
        raise BackupError(f"没有数据库可备份 (no database at {database}: nothing to back up)")
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(f"备份目录不是空的 ({destination} is not empty: choose a new one)")
    destination.mkdir(parents=True, exist_ok=True)
    size = _copy_database(database, destination / DATABASE_FILE)
    objects = destination / OBJECTS_DIR
    if settings.objects_dir.is_dir():
        shutil.copytree(settings.objects_dir, objects, ignore=_NOT_BACKED_UP)
    else:
        objects.mkdir()
    secret = settings.storage_dir / SECRET_KEY_FILE
    keep_secret = settings.secret_key is None and secret.is_file()
    if keep_secret:
        _copy_secret(secret, destination / SECRET_KEY_FILE)
    return Copied(size, _count_files(objects), keep_secret)


def restore(settings: Settings, source: Path) -> Copied:
    """A backup made by `backup` into this configuration's storage; refuses to overwrite."""
    database = _sqlite_path(settings)
    if not (source / DATABASE_FILE).is_file():
        raise BackupError(f"不是 hub 备份 ({source} holds no {DATABASE_FILE})")
    secret = settings.storage_dir / SECRET_KEY_FILE
    present = [path for path in (database, secret) if path.exists()]
    if settings.objects_dir.is_dir() and any(settings.objects_dir.iterdir()):
        present.append(settings.objects_dir)
    if present:
        names = ", ".join(map(str, present))
        raise BackupError(f"目标已有数据，不覆盖 (already there, move it away first: {names})")
    settings.storage_dir.mkdir(parents=True, exist_ok=True)
    restore_secret = (source / SECRET_KEY_FILE).is_file()
    if restore_secret:
        _copy_secret(source / SECRET_KEY_FILE, secret)
    shutil.copytree(source / OBJECTS_DIR, settings.objects_dir, dirs_exist_ok=True)
    database.parent.mkdir(parents=True, exist_ok=True)
    size = _copy_database(source / DATABASE_FILE, database)
    return Copied(size, _count_files(settings.objects_dir), restore_secret)
