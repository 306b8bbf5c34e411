"""Objects in any S3-compatible store (AWS S3, MinIO, Ceph RGW, Garage, SeaweedFS...), through
the synchronous minio SDK.

The SDK blocks, so every call that may touch the network runs in `asyncio.to_thread`. One client
(and one urllib3 pool) per store instance does the operations; a second client, built for the
public endpoint with an explicit region, only signs URLs and never talks to the network.

Failures are mapped for the hub: a store that does not answer (refused, unreachable, timed out,
5xx) raises ObjectStoreUnavailable quickly (short timeouts, few retries); a missing key is
"absent" (verify -> None, exists -> False, delete -> nothing to do, read_chunks/promote ->
FileNotFoundError like the local backend). Other S3 errors (403 from bad credentials, 400...) are
configuration or programming errors and propagate as minio's S3Error, except in check(), which
reports any failure as ObjectStoreUnavailable for /readyz.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
import tempfile
import unicodedata
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import IO, Any, BinaryIO, TypeVar, cast
from urllib.parse import quote, urlsplit

import certifi
import urllib3
from minio import Minio
from minio.commonconfig import CopySource
from minio.error import InvalidResponseError, MinioException, S3Error, ServerError

from hub.objectstore.base import (
    CHUNK,
    ObjectInfo,
    ObjectStore,
    ObjectStoreUnavailable,
    PresignedPut,
    TooLarge,
    VerifiedObject,
)
from hub.objectstore.content_type import sniff_file

#: put_stream keeps up to this much of an upload in memory, then spills to a temporary file.
PUT_SPOOL_MAX = 8 * 1024 * 1024
#: verify keeps up to this much of an object in memory for sniffing, then spills to disk.
VERIFY_SPOOL_MAX = 1024 * 1024
#: An outage must fail within seconds: (1 + connect retries) x CONNECT_TIMEOUT plus backoff.
CONNECT_TIMEOUT = 2.0
#: Longest silence while waiting for bytes of a response (not the whole transfer).
READ_TIMEOUT = 10.0
#: Region used for signing when none is configured (what MinIO and most stores default to).
DEFAULT_REGION = "us-east-1"

_KEY = re.compile(r"^[a-z0-9]+(/[A-Za-z0-9._-]+)+$")
_ABSENT_CODES = frozenset({"NoSuchKey", "NotFound", "ResourceNotFound", "NoSuchObject"})
_UNREACHABLE = (urllib3.exceptions.HTTPError, ConnectionError, TimeoutError)
_T = TypeVar("_T")


def _check_key(key: str) -> str:
    if not _KEY.match(key) or ".." in key:
        raise ValueError(f"bad object key {key!r}")
    return key


def _split_endpoint(endpoint: str, secure: bool) -> tuple[str, bool]:
    """`host:port` as minio wants it; an `http(s)://host:port` URL also gives `secure`."""
    endpoint = endpoint.strip()
    if "://" not in endpoint:
        if "/" in endpoint or not endpoint:
            raise ValueError(f"S3 endpoint must be host[:port], got {endpoint!r}")
        return endpoint, secure
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or parts.path not in ("", "/") or parts.query:
        raise ValueError(f"S3 endpoint must be host[:port] or http(s)://host[:port]: {endpoint!r}")
    return parts.netloc, parts.scheme == "https"


def _http_pool() -> urllib3.PoolManager:
    """Like minio's default pool, but an outage fails in seconds instead of minutes
    (minio's default is 5-minute timeouts and 5 retries)."""
    return urllib3.PoolManager(
        timeout=urllib3.Timeout(connect=CONNECT_TIMEOUT, read=READ_TIMEOUT),
        maxsize=10,
        cert_reqs="CERT_REQUIRED",
        ca_certs=os.environ.get("SSL_CERT_FILE") or certifi.where(),
        retries=urllib3.Retry(
            total=2,
            connect=2,
            read=1,
            status=1,
            backoff_factor=0.2,
            status_forcelist=(500, 502, 503, 504),
            # Hand the last 5xx back to minio, which turns it into S3Error/ServerError.
            raise_on_status=False,
            respect_retry_after_header=False,
        ),
    )


def _status(exc: MinioException) -> int | None:
    if isinstance(exc, S3Error):
        return getattr(exc.response, "status", None)
    if isinstance(exc, ServerError):
        return exc.status_code
    if isinstance(exc, InvalidResponseError):
        return getattr(exc, "_code", None)
    return None


def _is_absent(exc: BaseException) -> bool:
    if not isinstance(exc, S3Error) or exc.code == "NoSuchBucket":
        return False
    return exc.code in _ABSENT_CODES or _status(exc) == 404


def _release(response: Any) -> None:
    response.close()
    response.release_conn()


def content_disposition(filename: str, disposition: str = "attachment") -> str:
    """RFC 6266 header value: an ASCII `filename` fallback and the exact UTF-8 name in
    `filename*` (RFC 5987), e.g. for 报装申请表.pdf."""
    name = filename.replace("/", "_").replace("\\", "_")
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""

    def ascii_only(text: str) -> str:
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        return re.sub(r"[^A-Za-z0-9 ._()\[\]+-]", "_", text).strip(" ._")

    fallback_stem, fallback_ext = ascii_only(stem), ascii_only(ext)
    if not re.search(r"[A-Za-z0-9]", fallback_stem):
        fallback_stem = "download"
    fallback = f"{fallback_stem}.{fallback_ext}" if fallback_ext else fallback_stem
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


class S3ObjectStore(ObjectStore):
    """Objects in one bucket of an S3-compatible store; clients PUT and GET through presigned
    URLs signed for `public_endpoint` (defaults to `endpoint`)."""

    direct_uploads = True

    def __init__(
        self,
        endpoint: str,
        access_key: str,
        secret_key: str,
        bucket: str,
        *,
        secure: bool,
        region: str | None = None,
        public_endpoint: str | None = None,
        public_secure: bool | None = None,
    ) -> None:
        self.endpoint, self.secure = _split_endpoint(endpoint, secure)
        if public_endpoint:
            default_secure = self.secure if public_secure is None else public_secure
            self.public_endpoint, self.public_secure = _split_endpoint(
                public_endpoint, default_secure
            )
        else:
            self.public_endpoint = self.endpoint
            self.public_secure = self.secure if public_secure is None else public_secure
        self.bucket = bucket
        self.region = region or None
        self._http = _http_pool()
        # Without a configured region the operations client asks the bucket once
        # (GetBucketLocation); the signer cannot ask, so it assumes DEFAULT_REGION.
        self._client = Minio(
            endpoint=self.endpoint,
            access_key=access_key,
            secret_key=secret_key,
            secure=self.secure,
            region=self.region,
            http_client=self._http,
        )
        self._signer = Minio(
            endpoint=self.public_endpoint,
            access_key=access_key,
            secret_key=secret_key,
            secure=self.public_secure,
            region=self.region or DEFAULT_REGION,
            http_client=self._http,
        )

    @classmethod
    def from_settings(cls, settings: Any) -> S3ObjectStore:
        """From HUB_S3_ENDPOINT, HUB_S3_ACCESS_KEY, HUB_S3_SECRET_KEY, HUB_S3_BUCKET,
        HUB_S3_SECURE, HUB_S3_REGION and the optional HUB_S3_PUBLIC_ENDPOINT (`host:port` or
        `http(s)://host:port`, the address clients reach the store at)."""

        def text(name: str) -> str | None:
            value = getattr(settings, name, None)
            if value is not None and hasattr(value, "get_secret_value"):
                value = value.get_secret_value()
            return value or None

        endpoint = text("s3_endpoint")
        access_key, secret_key = text("s3_access_key"), text("s3_secret_key")
        if not endpoint:
            raise ValueError("HUB_S3_ENDPOINT is not set")
        if not access_key or not secret_key:
            raise ValueError("HUB_S3_ACCESS_KEY and HUB_S3_SECRET_KEY are required with S3")
        return cls(
            endpoint,
            access_key,
            secret_key,
            text("s3_bucket") or "hub",
            secure=bool(getattr(settings, "s3_secure", True)),
            region=text("s3_region"),
            public_endpoint=text("s3_public_endpoint"),
        )

    @property
    def public_origin(self) -> str:
        """Where browsers send their presigned PUTs and GETs (the console's CSP allows it)."""
        return f"{'https' if self.public_secure else 'http'}://{self.public_endpoint}"

    def __repr__(self) -> str:
        scheme = "https" if self.secure else "http"
        return f"S3ObjectStore({scheme}://{self.endpoint}/{self.bucket})"

    def close(self) -> None:
        """Drops pooled connections (the store stays usable; new ones are opened on demand)."""
        self._http.clear()

    # -- error mapping ---------------------------------------------------------------------

    def _unavailable(self, action: str, detail: str) -> ObjectStoreUnavailable:
        scheme = "https" if self.secure else "http"
        return ObjectStoreUnavailable(
            f"object store {scheme}://{self.endpoint} (bucket {self.bucket!r}) "
            f"unavailable during {action}: {detail}"
        )

    @contextmanager
    def _errors(self, action: str, *, any_failure: bool = False) -> Iterator[None]:
        """Turns "the store did not answer" into ObjectStoreUnavailable."""
        try:
            yield
        except MinioException as exc:
            status = _status(exc)
            if isinstance(exc, S3Error) and exc.code == "NoSuchBucket":
                raise self._unavailable(action, "the bucket does not exist") from exc
            if any_failure or (status is not None and status >= 500):
                raise self._unavailable(action, f"{type(exc).__name__}: {exc}") from exc
            raise
        except _UNREACHABLE as exc:
            reason = getattr(exc, "reason", None) or exc
            raise self._unavailable(action, f"{type(reason).__name__}: {reason}") from exc

    async def _run(self, action: str, fn: Callable[..., _T], /, *args: Any, **kwargs: Any) -> _T:
        with self._errors(action):
            return await asyncio.to_thread(fn, *args, **kwargs)

    # -- blocking helpers (always run in a worker thread) -----------------------------------

    def _stat(self, key: str) -> int | None:
        try:
            return self._client.stat_object(bucket_name=self.bucket, object_name=key).size
        except S3Error as exc:
            if _is_absent(exc):
                return None
            raise

    def _open(self, key: str) -> Any:
        try:
            return self._client.get_object(bucket_name=self.bucket, object_name=key)
        except S3Error as exc:
            if _is_absent(exc):
                raise FileNotFoundError(f"no object {key!r} in bucket {self.bucket!r}") from exc
            raise

    def _verify(self, key: str) -> VerifiedObject | None:
        try:
            response = self._open(key)
        except FileNotFoundError:
            return None
        digest, size = hashlib.sha256(), 0
        with tempfile.SpooledTemporaryFile(max_size=VERIFY_SPOOL_MAX) as spool:
            try:
                # decode_content=False: hash the stored bytes even if a client set
                # Content-Encoding on its PUT.
                for block in response.stream(CHUNK, decode_content=False):
                    digest.update(block)
                    size += len(block)
                    spool.write(block)
            finally:
                _release(response)
            content_type = sniff_file(cast(BinaryIO, spool))
        return VerifiedObject(size=size, sha256=digest.hexdigest(), content_type=content_type)

    def _promote(self, source_key: str, target_key: str) -> None:
        if self._stat(target_key) is None:
            try:
                self._client.copy_object(
                    bucket_name=self.bucket,
                    object_name=target_key,
                    source=CopySource(bucket_name=self.bucket, object_name=source_key),
                )
            except S3Error as exc:
                if _is_absent(exc):
                    raise FileNotFoundError(f"no object {source_key!r} to promote") from exc
                raise

    def _delete(self, key: str) -> None:
        try:
            self._client.remove_object(bucket_name=self.bucket, object_name=key)
        except S3Error as exc:
            if not _is_absent(exc):
                raise

    def _ensure_bucket(self) -> None:
        if self._client.bucket_exists(bucket_name=self.bucket):
            return
        try:
            self._client.make_bucket(bucket_name=self.bucket, location=self.region)
        except S3Error as exc:
            if exc.code != "BucketAlreadyOwnedByYou":
                raise

    # -- ObjectStore -------------------------------------------------------------------------

    async def put_stream(
        self, key: str, chunks: AsyncIterator[bytes], *, limit: int, content_type: str | None = None
    ) -> ObjectInfo:
        """Streams into `key`; more than `limit` bytes raises TooLarge and keeps nothing.

        The bytes are hashed, counted and spooled (memory up to PUT_SPOOL_MAX, then a temporary
        file) before anything is sent, so an upload over the limit never reaches the store and
        the object appears whole or not at all. minio then sends the spool with its length:
        one PUT up to 5 MiB, above that a multipart upload of 5 MiB parts (at most 3 in flight),
        aborted on failure. Peak memory is bounded by these constants, not by the file size.
        """
        _check_key(key)
        digest, size = hashlib.sha256(), 0

        def absorb(spool: IO[bytes], chunk: bytes) -> None:
            digest.update(chunk)
            spool.write(chunk)

        with tempfile.SpooledTemporaryFile(max_size=PUT_SPOOL_MAX) as spool:
            async for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise TooLarge(f"more than {limit} bytes for {key!r}")
                await asyncio.to_thread(absorb, spool, chunk)
            spool.seek(0)
            await self._run(
                "upload",
                self._client.put_object,
                bucket_name=self.bucket,
                object_name=key,
                data=spool,
                length=size,
                content_type=content_type or "application/octet-stream",
            )
        return ObjectInfo(size=size, sha256=digest.hexdigest())

    async def verify(self, key: str) -> VerifiedObject | None:
        """Size, sha256 and sniffed type in one streaming pass (1 MiB reads, spooled to disk
        past VERIFY_SPOOL_MAX for the ZIP-based types); None if absent."""
        return await self._run("verify", self._verify, _check_key(key))

    async def size(self, key: str) -> int | None:
        return await self._run("stat", self._stat, _check_key(key))

    async def promote(self, source_key: str, target_key: str) -> None:
        """Server-side copy to `target_key` (unless it exists already), then removes the source."""
        await self._run("promote", self._promote, _check_key(source_key), _check_key(target_key))

    async def delete(self, key: str) -> None:
        await self._run("delete", self._delete, _check_key(key))

    async def read_chunks(self, key: str) -> AsyncIterator[bytes]:
        """The object in chunks of up to 1 MiB; FileNotFoundError if absent. The connection is
        released when the iteration ends, fails or is closed early."""
        response = await self._run("read", self._open, _check_key(key))
        try:
            blocks = response.stream(CHUNK, decode_content=False)
            while True:
                block = await self._run("read", next, blocks, None)
                if block is None:
                    return
                yield block
        finally:
            _release(response)

    async def presign_get(
        self, key: str, *, expires: timedelta, filename: str, content_type: str
    ) -> str:
        """A GET URL for the public endpoint whose response carries `content_type` and an
        attachment Content-Disposition with `filename` (UTF-8 via RFC 5987)."""
        return await asyncio.to_thread(
            self._signer.presigned_get_object,
            bucket_name=self.bucket,
            object_name=_check_key(key),
            expires=expires,
            response_headers={
                "response-content-disposition": content_disposition(filename),
                "response-content-type": content_type,
            },
        )

    async def presign_put(
        self, key: str, *, expires: timedelta, content_type: str, size: int, upload_id: str
    ) -> PresignedPut:
        """A PUT URL for the public endpoint, valid for `expires`.

        What is enforced where:
        - the store (signature V4 over method, bucket, key and expiry): only a PUT of this key,
          only until the URL expires, only with these credentials;
        - nobody, at PUT time: the length and the Content-Type. A presigned query-string URL
          signs only the host header, so a client may send other bytes, more or fewer of them,
          or another type; `size` and `upload_id` are therefore not part of the URL. (Only a
          presigned POST policy's content-length-range can cap the length at the store.)
        - the hub, at completion: `verify()` re-reads the object and the hub compares its size
          and sha256 with what was announced and sniffs the real type from the content;
          anything else is deleted and the upload refused.
        The returned headers are what the client must send (Content-Type, so the stored object
        is served with the announced type).
        """
        url = await asyncio.to_thread(
            self._signer.presigned_put_object,
            bucket_name=self.bucket,
            object_name=_check_key(key),
            expires=expires,
        )
        return PresignedPut(url=url, headers={"Content-Type": content_type})

    async def check(self) -> None:
        """ObjectStoreUnavailable unless the bucket answers (unreachable, refused, denied,
        5xx or missing bucket)."""
        with self._errors("check", any_failure=True):
            found = await asyncio.to_thread(self._client.bucket_exists, bucket_name=self.bucket)
        if not found:
            raise self._unavailable("check", "the bucket does not exist")

    async def ensure_bucket(self) -> None:
        """Creates the bucket if missing (start-up and tests); idempotent."""
        await self._run("ensure_bucket", self._ensure_bucket)

    async def ensure_ready(self) -> None:
        await self.ensure_bucket()
