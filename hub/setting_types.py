"""The types of the settings that plain Python types do not say: URLs by scheme, with host and
port, a store endpoint, a bucket name, browser origins, a time zone. Each refuses a bad value
with a message naming what is wrong (Chinese, then English) and never repeating a password."""

from __future__ import annotations

import re
from typing import Annotated
from urllib.parse import SplitResult, urlsplit, urlunsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator

DATABASE_SCHEMES = ("sqlite", "postgres", "postgresql", "asyncpg")
REDIS_SCHEMES = ("redis", "rediss", "unix")
_BUCKET = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")  # S3's rules, as MinIO applies them


def mask_url(url: str) -> str:
    """`url` with its password (if any) replaced by ***, for messages and `hub check-config`."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))


def _split(url: str, schemes: tuple[str, ...], example: str) -> SplitResult:
    """`url` parsed, with a scheme among `schemes` and a valid port (when it names one)."""
    parts = urlsplit(url)
    if parts.scheme not in schemes:
        raise ValueError(
            f"不支持的地址类型 {parts.scheme or '(none)'!r} "
            f"(unsupported scheme {parts.scheme or '(none)'!r}: use {example})"
        )
    try:
        port = parts.port  # ValueError when it is not a number from 0 to 65535
    except ValueError:
        port = 0
    if port == 0:
        raise ValueError(f"端口无效 (the port is not a number from 1 to 65535: use {example})")
    return parts


def _database_url(url: str) -> str:
    example = "sqlite://PATH or postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE"
    if url.startswith("sqlite:"):  # a path, not a host: `sqlite://:memory:` names no port
        if not url.startswith("sqlite://") or url == "sqlite://":
            raise ValueError(f"缺少数据库文件路径 (no database file: use {example})")
        return _usable_by_the_orm(url)
    parts = _split(url, DATABASE_SCHEMES, example)
    if not parts.hostname:
        raise ValueError(f"缺少主机名 (no host: use {example})")
    elif parts.path.strip("/") == "":
        raise ValueError(f"缺少数据库名 (no database name: use {example})")
    return _usable_by_the_orm(url)


def _usable_by_the_orm(url: str) -> str:
    """What the checks above let through, Tortoise must read too (its errors may quote the URL,
    so only their kind is shown)."""
    from tortoise.backends.base.config_generator import expand_db_url

    try:
        expand_db_url(url)
    except Exception as exc:
        raise ValueError(
            f"数据库地址无法使用 (Tortoise ORM cannot use it: {type(exc).__name__})"
        ) from None
    return url


def _redis_url(url: str) -> str:
    example = "redis://HOST[:PORT]/DB or rediss://..."
    parts = _split(url, REDIS_SCHEMES, example)
    if parts.scheme != "unix" and not parts.hostname:
        raise ValueError(f"缺少主机名 (no host: use {example})")
    database = parts.path.strip("/")
    if database and not database.isdigit():
        raise ValueError(f"数据库编号应为数字 (the database must be a number: use {example})")
    return url


def _smtp_url(url: str) -> str:
    example = "smtp://USER:PASSWORD@HOST:PORT (STARTTLS when offered) or smtps://... (TLS)"
    parts = _split(url, ("smtp", "smtps"), example)
    if not parts.hostname:
        raise ValueError(f"缺少主机名 (no host: use {example})")
    return url


def _web_url(url: str) -> str:
    example = "http(s)://HOST[:PORT][/PATH]"
    parts = _split(url, ("http", "https"), example)
    if not parts.hostname:
        raise ValueError(f"缺少主机名 (no host: use {example})")
    if parts.query or parts.fragment:
        raise ValueError(f"不应带查询或片段 (no ?query or #fragment: use {example})")
    return url


def _store_endpoint(endpoint: str) -> str:
    """`host:port` as minio wants it, or `http(s)://host:port` (which also says TLS or not)."""
    example = "HOST:PORT or http(s)://HOST:PORT"
    parts = _split(
        endpoint if "://" in endpoint else f"http://{endpoint}", ("http", "https"), example
    )
    if not parts.hostname:
        raise ValueError(f"缺少主机名 (no host: use {example})")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ValueError(f"不应带路径 (no path: use {example}; the bucket is HUB_S3_BUCKET)")
    return endpoint


def _bucket_name(name: str) -> str:
    if not _BUCKET.fullmatch(name) or ".." in name:
        raise ValueError(
            f"存储桶名称无效 {name!r} (not a bucket name: 3-63 lowercase letters, digits, dots "
            "and hyphens, starting and ending with a letter or digit)"
        )
    return name


def _origins(value: str) -> str:
    for origin in (item.strip() for item in value.split(",")):
        if not origin:
            continue
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.path:
            raise ValueError(
                f"{origin!r} 不是浏览器来源 (not a browser origin: use scheme://HOST[:PORT], "
                "comma-separated)"
            )
    return value


def _time_zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"未知时区 {name!r} (unknown time zone {name!r}: use an IANA name, Asia/Shanghai say)"
        ) from None
    return name


DatabaseUrl = Annotated[str, AfterValidator(_database_url)]
RedisUrl = Annotated[str, AfterValidator(_redis_url)]
WebUrl = Annotated[str, AfterValidator(_web_url)]
SmtpUrl = Annotated[str, AfterValidator(_smtp_url)]
StoreEndpoint = Annotated[str, AfterValidator(_store_endpoint)]
BucketName = Annotated[str, AfterValidator(_bucket_name)]
Origins = Annotated[str, AfterValidator(_origins)]
TimeZoneName = Annotated[str, AfterValidator(_time_zone)]
