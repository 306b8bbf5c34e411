"""The S3 backend against moto's S3 server, through the real minio SDK and real HTTP."""

from __future__ import annotations

import hashlib
import os
import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace
from urllib.parse import parse_qs, unquote, urlsplit

import httpx
import pytest
import time_machine
from minio.error import S3Error

from hub.objectstore.base import (
    CHUNK,
    ObjectStoreUnavailable,
    TooLarge,
    content_key,
    staging_key,
)
from hub.objectstore.content_type import DOCX, PDF
from hub.objectstore.s3 import S3ObjectStore, content_disposition
from tests.factories import random_pdf
from tests.objectstore.support import chunked, docx_bytes, make_store, stream_of

CHINESE_NAME = "水电气报装申请表（2026）.pdf"


# -- put_stream / verify -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected_type"),
    [
        # 1.5 MiB: verify's spool rolls over to disk before sniffing.
        pytest.param(random_pdf(1536 * 1024 + 7), PDF, id="pdf"),
        pytest.param(docx_bytes(), DOCX, id="docx"),
        pytest.param("纯文本，不是材料".encode(), None, id="unknown"),
        pytest.param(b"", None, id="empty"),
    ],
)
async def test_put_stream_then_verify(
    s3_store: S3ObjectStore, data: bytes, expected_type: str | None
) -> None:
    key = staging_key("u1")
    info = await s3_store.put_stream(key, chunked(data, 300_001), limit=len(data))

    digest = hashlib.sha256(data).hexdigest()
    assert (info.size, info.sha256) == (len(data), digest)
    verified = await s3_store.verify(key)
    assert verified is not None
    assert (verified.size, verified.sha256, verified.content_type) == (
        len(data),
        digest,
        expected_type,
    )


async def test_put_stream_multipart_object(s3_store: S3ObjectStore) -> None:
    """Above 5 MiB minio sends parts; the stored bytes are still exactly the stream."""
    data = os.urandom(11 * 1024 * 1024 + 3)
    info = await s3_store.put_stream("documents/big", chunked(data, CHUNK), limit=len(data))
    verified = await s3_store.verify("documents/big")
    assert verified is not None
    assert (
        (verified.size, verified.sha256)
        == (info.size, info.sha256)
        == (
            len(data),
            hashlib.sha256(data).hexdigest(),
        )
    )


async def test_too_large_keeps_nothing(s3_store: S3ObjectStore) -> None:
    pulled: list[int] = []

    async def chunks():
        for index in range(10):
            pulled.append(index)
            yield b"x" * 1000

    with pytest.raises(TooLarge):
        await s3_store.put_stream(staging_key("big"), chunks(), limit=2500)
    assert pulled == [0, 1, 2]  # stops reading at the first chunk over the limit
    assert not await s3_store.exists(staging_key("big"))
    assert await s3_store.verify(staging_key("big")) is None


async def test_too_large_leaves_an_existing_object_alone(s3_store: S3ObjectStore) -> None:
    key = staging_key("again")
    await s3_store.put_stream(key, stream_of([b"first"]), limit=10)
    with pytest.raises(TooLarge):
        await s3_store.put_stream(key, stream_of([b"second", b"attempt"]), limit=10)
    verified = await s3_store.verify(key)
    assert verified is not None
    assert verified.sha256 == hashlib.sha256(b"first").hexdigest()


async def test_put_stream_at_exactly_the_limit(s3_store: S3ObjectStore) -> None:
    info = await s3_store.put_stream(staging_key("edge"), stream_of([b"ab", b"cd"]), limit=4)
    assert info.size == 4


async def test_bad_keys_are_refused(s3_store: S3ObjectStore) -> None:
    for key in ("../etc/passwd", "staging/../x", "/staging/x", "staging", "Staging/x"):
        with pytest.raises(ValueError, match="bad object key"):
            await s3_store.exists(key)


# -- exists / delete / absent ------------------------------------------------------------------


async def test_absent_keys(s3_store: S3ObjectStore) -> None:
    key = staging_key("missing")
    assert await s3_store.exists(key) is False
    assert await s3_store.verify(key) is None
    await s3_store.delete(key)  # nothing to do, no error
    with pytest.raises(FileNotFoundError):
        async for _ in s3_store.read_chunks(key):
            pass


async def test_exists_and_delete(s3_store: S3ObjectStore) -> None:
    key = staging_key("present")
    await s3_store.put_stream(key, stream_of([b"hello"]), limit=100)
    assert await s3_store.exists(key) is True
    await s3_store.delete(key)
    assert await s3_store.exists(key) is False
    await s3_store.delete(key)


# -- promote -----------------------------------------------------------------------------------


async def test_promote_to_a_new_key(s3_store: S3ObjectStore) -> None:
    data = random_pdf(4096)
    source = staging_key("p1")
    info = await s3_store.put_stream(source, stream_of([data]), limit=len(data))
    target = content_key(info.sha256)

    await s3_store.promote(source, target)

    assert await s3_store.exists(source), "the caller deletes the source after its commit"
    verified = await s3_store.verify(target)
    assert verified is not None
    assert (verified.sha256, verified.content_type) == (info.sha256, PDF)


async def test_promote_to_an_existing_key_changes_nothing(
    s3_store: S3ObjectStore,
) -> None:
    target = content_key("ab" * 32)
    await s3_store.put_stream(target, stream_of([b"kept"]), limit=100)
    source = staging_key("p2")
    await s3_store.put_stream(source, stream_of([b"different bytes"]), limit=100)

    await s3_store.promote(source, target)

    assert await s3_store.exists(source)
    verified = await s3_store.verify(target)
    assert verified is not None
    assert verified.sha256 == hashlib.sha256(b"kept").hexdigest()  # not copied over


async def test_promote_a_missing_source(s3_store: S3ObjectStore) -> None:
    with pytest.raises(FileNotFoundError):
        await s3_store.promote(staging_key("gone"), content_key("cd" * 32))


# -- read_chunks -------------------------------------------------------------------------------


async def test_read_chunks_round_trip(s3_store: S3ObjectStore) -> None:
    data = os.urandom(5 * 1024 * 1024)
    await s3_store.put_stream("documents/five", chunked(data, CHUNK), limit=len(data))

    blocks = [block async for block in s3_store.read_chunks("documents/five")]

    assert b"".join(blocks) == data
    assert max(map(len, blocks)) <= CHUNK
    assert len(blocks) >= 5


async def test_read_chunks_closed_early_releases_the_connection(s3_store: S3ObjectStore) -> None:
    data = os.urandom(3 * CHUNK)
    await s3_store.put_stream("documents/early", chunked(data, CHUNK), limit=len(data))
    for _ in range(12):  # more than the pool's 10 connections
        reader = s3_store.read_chunks("documents/early")
        assert len(await anext(reader)) > 0
        await reader.aclose()
    blocks = [block async for block in s3_store.read_chunks("documents/early")]
    assert b"".join(blocks) == data


# -- presigned URLs ----------------------------------------------------------------------------


async def test_presigned_put_then_verify(s3_store: S3ObjectStore) -> None:
    data = docx_bytes()
    key = staging_key("direct")
    presigned = await s3_store.presign_put(
        key, expires=timedelta(minutes=10), content_type=DOCX, size=len(data), upload_id="direct"
    )
    assert presigned.headers == {"Content-Type": DOCX}

    async with httpx.AsyncClient() as http:
        response = await http.put(presigned.url, content=data, headers=presigned.headers)
    assert response.status_code == 200, response.text

    verified = await s3_store.verify(key)
    assert verified is not None
    assert (verified.size, verified.sha256, verified.content_type) == (
        len(data),
        hashlib.sha256(data).hexdigest(),
        DOCX,
    )


async def test_presigned_get_with_a_chinese_filename(s3_store: S3ObjectStore) -> None:
    data = random_pdf(2048)
    key = content_key(hashlib.sha256(data).hexdigest())
    await s3_store.put_stream(key, stream_of([data]), limit=len(data))
    url = await s3_store.presign_get(
        key, expires=timedelta(minutes=5), filename=CHINESE_NAME, content_type=PDF
    )

    async with httpx.AsyncClient() as http:
        response = await http.get(url)

    assert response.status_code == 200, response.text
    assert response.content == data
    assert response.headers["content-type"] == PDF
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment; ")
    encoded = disposition.split("filename*=UTF-8''", 1)[1]
    assert unquote(encoded, encoding="utf-8") == CHINESE_NAME


async def test_presigned_urls_are_signed_for_the_public_endpoint_offline() -> None:
    """The signer knows its region, so presigning works even with the store down."""
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
        store = make_store(
            f"127.0.0.1:{port}",
            bucket="hub",
            region=None,
            public_endpoint="files.example.test",
            public_secure=True,
        )
        get_url = await store.presign_get(
            "documents/a.pdf", expires=timedelta(minutes=10), filename="a.pdf", content_type=PDF
        )
        put = await store.presign_put(
            staging_key("u9"),
            expires=timedelta(minutes=10),
            content_type=PDF,
            size=10,
            upload_id="u9",
        )
    for url, path in ((get_url, "/hub/documents/a.pdf"), (put.url, "/hub/staging/u9")):
        parts = urlsplit(url)
        query = parse_qs(parts.query)
        assert (parts.scheme, parts.netloc, parts.path) == ("https", "files.example.test", path)
        assert query["X-Amz-Expires"] == ["600"]
        assert "/us-east-1/s3/aws4_request" in query["X-Amz-Credential"][0]
    assert parse_qs(urlsplit(get_url).query)["response-content-type"] == [PDF]


async def test_expired_presigned_get_is_refused(s3_store: S3ObjectStore) -> None:
    await s3_store.put_stream("documents/old", stream_of([b"old"]), limit=10)
    signed_at = datetime.now(UTC) - timedelta(hours=1)
    with time_machine.travel(signed_at, tick=False):
        url = await s3_store.presign_get(
            "documents/old", expires=timedelta(seconds=1), filename="old.txt", content_type=PDF
        )
    query = parse_qs(urlsplit(url).query)
    assert query["X-Amz-Date"] == [signed_at.strftime("%Y%m%dT%H%M%SZ")]
    assert query["X-Amz-Expires"] == ["1"]

    async with httpx.AsyncClient() as http:
        response = await http.get(url)
    if response.status_code == 200:
        pytest.skip(
            "moto's S3 server checks neither presigned-URL expiry nor signatures; "
            "a real S3-compatible store answers 403 AccessDenied 'Request has expired'"
        )
    assert response.status_code == 403


# -- check / ensure_bucket / settings ----------------------------------------------------------


async def test_check_and_ensure_bucket(moto_endpoint: str) -> None:
    store = make_store(moto_endpoint, region=None)
    with pytest.raises(ObjectStoreUnavailable, match="bucket does not exist"):
        await store.check()
    await store.ensure_bucket()
    await store.ensure_bucket()  # idempotent
    await store.check()
    store.close()


async def test_operations_on_a_missing_bucket_are_unavailable(moto_endpoint: str) -> None:
    store = make_store(moto_endpoint)
    with pytest.raises(ObjectStoreUnavailable, match="bucket does not exist"):
        await store.put_stream(staging_key("x"), stream_of([b"x"]), limit=10)


def test_from_settings() -> None:
    settings = SimpleNamespace(
        s3_endpoint="minio:9000",
        s3_access_key="ak",
        s3_secret_key="sk",
        s3_bucket="materials",
        s3_secure=False,
        s3_region=None,
        s3_public_endpoint="https://files.example.test",
    )
    store = S3ObjectStore.from_settings(settings)
    assert store.direct_uploads is True
    assert (store.endpoint, store.secure, store.bucket, store.region) == (
        "minio:9000",
        False,
        "materials",
        None,
    )
    assert (store.public_endpoint, store.public_secure) == ("files.example.test", True)
    assert "sk" not in repr(store)

    del settings.s3_public_endpoint  # a Settings without the new field
    store = S3ObjectStore.from_settings(settings)
    assert (store.public_endpoint, store.public_secure) == ("minio:9000", False)

    settings.s3_endpoint = None
    with pytest.raises(ValueError, match="HUB_S3_ENDPOINT"):
        S3ObjectStore.from_settings(settings)


def test_content_disposition() -> None:
    assert content_disposition("report.pdf") == (
        "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf"
    )
    value = content_disposition(CHINESE_NAME)
    assert value.startswith("attachment; filename=\"(2026).pdf\"; filename*=UTF-8''%E6%B0%B4")
    assert value.isascii()
    only_chinese = content_disposition("报装申请表.docx")
    assert only_chinese.startswith('attachment; filename="download.docx";')
    tricky = content_disposition('a"b\\c\r\n;d.pdf')
    assert tricky.isascii() and "\r" not in tricky and "\n" not in tricky
    fallback = tricky.split('filename="', 1)[1].split('"', 1)[0]
    assert '"' not in fallback and "\\" not in fallback


# -- outages -----------------------------------------------------------------------------------


@pytest.fixture
def closed_port() -> Iterator[int]:
    """A loopback port that refuses connections (bound, never listening)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


OPERATIONS = {
    "put_stream": lambda s: s.put_stream(staging_key("o"), stream_of([b"data"]), limit=10),
    "verify": lambda s: s.verify(staging_key("o")),
    "exists": lambda s: s.exists(staging_key("o")),
    "check": lambda s: s.check(),
    "promote": lambda s: s.promote(staging_key("o"), content_key("ef" * 32)),
    "delete": lambda s: s.delete(staging_key("o")),
}


@pytest.mark.parametrize("region", ["us-east-1", None])
@pytest.mark.parametrize("operation", OPERATIONS)
async def test_unreachable_store_fails_fast(
    closed_port: int, operation: str, region: str | None
) -> None:
    store = make_store(f"127.0.0.1:{closed_port}", bucket="hub", region=region)
    started = time.monotonic()
    with pytest.raises(ObjectStoreUnavailable, match=f"127.0.0.1:{closed_port}"):
        await OPERATIONS[operation](store)
    assert time.monotonic() - started < 15  # ~0.5 s in practice: short timeouts, 2 retries


async def test_unreachable_store_fails_read_chunks(closed_port: int) -> None:
    store = make_store(f"127.0.0.1:{closed_port}", bucket="hub")
    with pytest.raises(ObjectStoreUnavailable):
        async for _ in store.read_chunks("documents/x"):
            pass


class _Canned(BaseHTTPRequestHandler):
    """Answers every request with the server's canned status, type and body."""

    def _answer(self) -> None:
        status, content_type, body = self.server.canned  # type: ignore[attr-defined]
        self.server.hits += 1  # type: ignore[attr-defined]
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_HEAD = do_PUT = do_POST = do_DELETE = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def canned_server() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Canned)
    server.hits = 0  # type: ignore[attr-defined]
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
    )
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


S3_503 = (
    503,
    "application/xml",
    b"<?xml version='1.0'?><Error><Code>SlowDown</Code><Message>Please reduce your request"
    b" rate.</Message><Resource>/hub/x</Resource><RequestId>1</RequestId></Error>",
)
PROXY_502 = (502, "text/html", b"<html><body>502 Bad Gateway</body></html>")
DENIED_403 = (
    403,
    "application/xml",
    b"<?xml version='1.0'?><Error><Code>AccessDenied</Code><Message>Access Denied</Message>"
    b"<Resource>/hub/x</Resource><RequestId>1</RequestId></Error>",
)


@pytest.mark.parametrize("canned", [S3_503, PROXY_502], ids=["s3-503", "proxy-502"])
@pytest.mark.parametrize("operation", ["verify", "exists", "check", "put_stream"])
async def test_server_errors_are_unavailable(
    canned_server: ThreadingHTTPServer, canned: tuple[int, str, bytes], operation: str
) -> None:
    canned_server.canned = canned  # type: ignore[attr-defined]
    host, port = canned_server.server_address[:2]
    store = make_store(f"{host}:{port}", bucket="hub")
    with pytest.raises(ObjectStoreUnavailable):
        await OPERATIONS[operation](store)
    assert canned_server.hits == 2  # one retry, then give up


async def test_access_denied_propagates_except_in_check(
    canned_server: ThreadingHTTPServer,
) -> None:
    canned_server.canned = DENIED_403  # type: ignore[attr-defined]
    host, port = canned_server.server_address[:2]
    store = make_store(f"{host}:{port}", bucket="hub")
    with pytest.raises(S3Error) as caught:
        await store.verify(staging_key("x"))
    assert caught.value.code == "AccessDenied"
    with pytest.raises(ObjectStoreUnavailable, match="AccessDenied"):
        await store.check()
