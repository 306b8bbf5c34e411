"""Upload throughput and memory: announce, PUT and complete a 50 MiB file (and a 5 MiB one, to
see whether memory grows with the file) through the hub, on S3 and on the local backend.

Run (no services needed; SQLite and a moto S3 server are started by the bench):
    .venv/bin/python bench/upload_bench.py [--sizes 5,50] [--backends s3,local]
                                           [--moto-in-process] [--no-tracemalloc]

- The hub runs in this process: GraphQL and the local backend's PUT route through httpx's ASGI
  transport (request bodies are streamed chunk by chunk into the app).
- S3: moto's S3 server on a free loopback port, by default in a child process so that the
  figures below are the hub's (and the client's) own; --moto-in-process runs it in a thread
  of this process instead (its buffers then count too). The client PUTs straight to the
  presigned URL over real HTTP (the hub is not involved in that PUT); completion is the hub
  reading the staged object back through the minio SDK (size, sha256, real type) and moving
  it to its sha256 key (server-side copy).
- Local: the PUT goes through the hub's /uploads/{id} route to storage/objects/staging/...;
  completion re-reads it and renames it to its sha256 key.
- Memory: tracemalloc's peak of Python allocations above what was allocated when the step
  began (so the bench client's own buffers count as well: it streams the file from disk in
  1 MiB blocks), and the process's ru_maxrss (its all-time high-water mark) before and after.
  Each backend first runs a small warm-up upload so that one-time allocations do not count.
  Memory must not grow with the file size: the 50 MiB / 5 MiB peak ratio should stay near 1.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import itertools
import logging
import os
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
STORAGE = Path(tempfile.mkdtemp(prefix="hub-upload-bench-"))
os.environ["HUB_STORAGE_DIR"] = str(STORAGE)
os.environ["HUB_SECRET_KEY"] = "bench-secret-key-0123456789-0123456789"
os.environ["HUB_PUBLIC_URL"] = "http://hub.bench"
for _name in ("HUB_DATABASE_URL", "HUB_REDIS_URL", "HUB_S3_ENDPOINT"):
    os.environ.pop(_name, None)

import httpx  # noqa: E402

from hub import db  # noqa: E402
from hub.app import create_app  # noqa: E402
from hub.auth.tokens import issue_token  # noqa: E402
from hub.enums import Role  # noqa: E402
from hub.objectstore import get_object_store  # noqa: E402
from hub.settings import get_settings  # noqa: E402
from tests.factories import ENTERPRISE_A, application  # noqa: E402

MiB = 1024 * 1024
BLOCK = MiB
BASE_URL = "http://hub.bench"
CREATE = "mutation($input: ApplicationInput!) { createApplication(input: $input) { id } }"
REQUEST_UPLOAD = """mutation($input: UploadRequestInput!) {
  requestMaterialUpload(input: $input) { uploadId url headers } }"""
COMPLETE_UPLOAD = """mutation($id: ID!) {
  completeMaterialUpload(uploadId: $id) { id size sha256 } }"""
DOWNLOAD_URL = "query($id: ID!) { materialDownloadUrl(materialId: $id) }"


# --- moto ------------------------------------------------------------------------------------


_MOTO_CHILD = """
import logging, sys
from moto.server import ThreadedMotoServer
logging.getLogger("werkzeug").setLevel(logging.ERROR)
server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
print("%s:%s" % server.get_host_and_port(), flush=True)
sys.stdin.read()  # until the bench closes it
server.stop()
"""


class Moto:
    """moto's S3 server on 127.0.0.1 and a free port, in a child process or a thread."""

    def __init__(self, in_process: bool) -> None:
        self.in_process = in_process

    def __enter__(self) -> str:
        if self.in_process:
            from moto.server import ThreadedMotoServer

            logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request
            self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
            self.server.start()
            host, port = self.server.get_host_and_port()
            return f"{host}:{port}"
        self.process = subprocess.Popen(
            [sys.executable, "-c", _MOTO_CHILD],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        return self.process.stdout.readline().strip()

    def __exit__(self, *exc) -> None:
        if self.in_process:
            self.server.stop()
        else:
            self.process.stdin.close()
            self.process.wait(timeout=10)


# --- measuring -------------------------------------------------------------------------------


def maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


@dataclass
class Step:
    seconds: float
    peak_mib: float | None  # tracemalloc peak above the step's start
    rss_before: float
    rss_after: float

    def throughput(self, size: int) -> float:
        return size / MiB / self.seconds


async def measured(fn: Callable[[], Awaitable[object]]) -> tuple[object, Step]:
    tracing = tracemalloc.is_tracing()
    if tracing:
        tracemalloc.reset_peak()
        start_current = tracemalloc.get_traced_memory()[0]
    rss_before = maxrss_mib()
    started = time.perf_counter()
    result = await fn()
    seconds = time.perf_counter() - started
    peak = (tracemalloc.get_traced_memory()[1] - start_current) / MiB if tracing else None
    return result, Step(seconds, peak, rss_before, maxrss_mib())


# --- the file --------------------------------------------------------------------------------


def make_pdf(path: Path, size: int) -> str:
    """A `size`-byte PDF-looking file of random bytes, written and hashed 1 MiB at a time."""
    head, tail = b"%PDF-1.7\n", b"\n%%EOF\n"
    digest = hashlib.sha256()
    with path.open("wb") as out:
        remaining = size - len(head) - len(tail)
        for block in itertools.chain([head], _random_blocks(remaining), [tail]):
            digest.update(block)
            out.write(block)
    return digest.hexdigest()


def _random_blocks(total: int):
    while total > 0:
        n = min(BLOCK, total)
        total -= n
        yield os.urandom(n)


async def file_chunks(path: Path) -> AsyncIterator[bytes]:
    with path.open("rb") as f:
        while block := await asyncio.to_thread(f.read, BLOCK):
            yield block


# --- one backend -----------------------------------------------------------------------------


class Failed(Exception):
    pass


@dataclass
class Result:
    backend: str
    size: int
    put: Step | None = None
    complete: Step | None = None
    error: str | None = None
    material_id: str | None = None
    sha256: str | None = None


class Bench:
    def __init__(self, hub: httpx.AsyncClient, token: str) -> None:
        self.hub = hub
        self.token = token

    async def gql(self, query: str, variables: dict) -> dict:
        response = await self.hub.post(
            "/graphql",
            json={"query": query, "variables": variables},
            headers={"Authorization": f"Bearer {self.token}"},
        )
        body = response.json()
        if body.get("errors"):
            error = body["errors"][0]
            raise Failed(f"{error.get('extensions', {}).get('code')}: {error['message']}")
        return body["data"]

    async def send(self, method: str, url: str, **kwargs) -> httpx.Response:
        """The hub's own routes in-process (ASGI); the S3 server over real HTTP."""
        if urlsplit(url).netloc == urlsplit(BASE_URL).netloc:
            return await self.hub.request(method, url, **kwargs)
        async with httpx.AsyncClient(timeout=120) as client:
            return await client.request(method, url, **kwargs)

    async def run(self, backend: str, case_id: str, size: int, workdir: Path) -> Result:
        result = Result(backend, size)
        path = workdir / f"upload-{size}.pdf"
        sha256 = make_pdf(path, size)
        try:
            ticket = (
                await self.gql(
                    REQUEST_UPLOAD,
                    {
                        "input": {
                            "caseId": case_id,
                            "requirementCode": "BUSINESS_LICENCE",
                            "filename": path.name,
                            "contentType": "application/pdf",
                            "size": size,
                            "sha256": sha256,
                        }
                    },
                )
            )["requestMaterialUpload"]
            headers = {**ticket["headers"], "Content-Length": str(size)}

            async def put() -> None:
                response = await self.send(
                    "PUT", ticket["url"], content=file_chunks(path), headers=headers
                )
                if response.status_code not in (200, 201):
                    raise Failed(f"PUT answered {response.status_code}: {response.text[:200]}")

            _, result.put = await measured(put)

            async def complete() -> dict:
                data = await self.gql(COMPLETE_UPLOAD, {"id": ticket["uploadId"]})
                return data["completeMaterialUpload"]

            material, result.complete = await measured(complete)
            if (material["size"], material["sha256"]) != (size, sha256):
                raise Failed(f"completed as {material}, expected {size} bytes {sha256}")
            result.material_id, result.sha256 = material["id"], sha256
        except Failed as error:
            result.error = str(error)
        finally:
            path.unlink(missing_ok=True)
        return result

    async def check_download(self, result: Result) -> None:
        """The kept bytes download as they were sent. Run after every measurement: the ASGI
        transport buffers a whole response, which would raise ru_maxrss for later rows."""
        if result.material_id is None:
            return
        url = (await self.gql(DOWNLOAD_URL, {"id": result.material_id}))["materialDownloadUrl"]
        digest = hashlib.sha256()
        if urlsplit(url).netloc == urlsplit(BASE_URL).netloc:
            response = await self.hub.get(url)
            status = response.status_code
            digest.update(response.content)
        else:
            async with (
                httpx.AsyncClient(timeout=120) as client,
                client.stream("GET", url) as response,
            ):
                status = response.status_code
                async for block in response.aiter_bytes(BLOCK):
                    digest.update(block)
        if status != 200 or digest.hexdigest() != result.sha256:
            result.error = f"download answered {status} with other bytes"


def use_backend(backend: str, endpoint: str | None) -> None:
    settings = get_settings()
    if backend == "s3":
        settings.s3_endpoint = endpoint
        settings.s3_access_key, settings.s3_secret_key = "bench-access", "bench-secret"
        settings.s3_bucket = f"hub-bench-{uuid.uuid4().hex[:12]}"
        settings.s3_secure, settings.s3_region = False, "us-east-1"
    else:
        settings.s3_endpoint = None
    get_object_store.cache_clear()


async def bench_backend(bench: Bench, backend: str, sizes: list[int], workdir: Path):
    store = get_object_store()
    if hasattr(store, "ensure_bucket"):
        await store.ensure_bucket()
    case_id = (
        await bench.gql(CREATE, {"input": application(("POWER", "GAS"), enterprise=ENTERPRISE_A)})
    )["createApplication"]["id"]
    warm_up = await bench.run(backend, case_id, 256 * 1024, workdir)
    if warm_up.error:
        print(f"  warm-up on {backend} failed: {warm_up.error}", flush=True)
    results = []
    for size in sizes:
        result = await bench.run(backend, case_id, size, workdir)
        print(f"  {backend} {size // MiB} MiB done", flush=True)
        results.append(result)
    for result in results:
        await bench.check_download(result)
    return results


# --- report ----------------------------------------------------------------------------------


def fmt(value: float | None, spec: str = ".1f") -> str:
    return "-" if value is None else format(value, spec)


def report(results: list[Result]) -> None:
    print()
    print(
        f"{'backend':8} {'size':>7} | {'PUT MiB/s':>9} {'peak MiB':>8} | "
        f"{'complete MiB/s':>14} {'peak MiB':>8} | {'maxrss MiB before -> after':>27}"
    )
    print("-" * 96)
    for r in results:
        put, done = r.put, r.complete
        first = put or done
        last = done or put
        rss = f"{first.rss_before:.1f} -> {last.rss_after:.1f}" if first and last else "-"
        print(
            f"{r.backend:8} {r.size // MiB:>3} MiB | "
            f"{fmt(put.throughput(r.size) if put else None):>9} "
            f"{fmt(put.peak_mib if put else None):>8} | "
            f"{fmt(done.throughput(r.size) if done else None):>14} "
            f"{fmt(done.peak_mib if done else None):>8} | {rss:>27}"
        )
        if r.error:
            print(f"{'':8} FAILED: {r.error}")
    print()
    by_backend: dict[str, list[Result]] = {}
    for r in results:
        by_backend.setdefault(r.backend, []).append(r)
    for backend, rows in by_backend.items():
        rows = sorted(rows, key=lambda r: r.size)
        small, large = rows[0], rows[-1]
        if small is large:
            continue
        for step in ("put", "complete"):
            a, b = getattr(small, step), getattr(large, step)
            if a and b and a.peak_mib and b.peak_mib is not None:
                ratio = b.peak_mib / a.peak_mib
                print(
                    f"{backend:8} {step:8} peak memory {large.size // MiB} MiB / "
                    f"{small.size // MiB} MiB = {b.peak_mib:.2f} / {a.peak_mib:.2f} = {ratio:.2f}"
                )


async def main(args: argparse.Namespace) -> int:
    sizes = sorted(int(s) * MiB for s in args.sizes.split(","))
    backends = args.backends.split(",")
    # A refused completion is reported in the table, not as a logged traceback.
    logging.getLogger("strawberry.execution").setLevel(logging.CRITICAL)
    url = f"sqlite://{STORAGE / 'bench.sqlite3'}"
    await db.migrate(url)
    await db.init(url)
    token = issue_token(role=Role.APPLICANT, org=ENTERPRISE_A, name="bench", ttl_seconds=3600)
    transport = httpx.ASGITransport(app=create_app(manage_database=False))
    results: list[Result] = []
    workdir = Path(tempfile.mkdtemp(prefix="files-", dir=STORAGE))
    if not args.no_tracemalloc:
        tracemalloc.start()
    try:
        async with httpx.AsyncClient(transport=transport, base_url=BASE_URL, timeout=120) as hub:
            bench = Bench(hub, token)
            for backend in backends:
                if backend == "s3":
                    with Moto(args.moto_in_process) as endpoint:
                        use_backend("s3", endpoint)
                        print(f"S3 (moto at {endpoint}, minio SDK, presigned PUT)", flush=True)
                        results += await bench_backend(bench, "s3", sizes, workdir)
                        get_object_store.cache_clear()
                else:
                    use_backend("local", None)
                    print(f"local ({get_settings().objects_dir}, hub's PUT route)", flush=True)
                    results += await bench_backend(bench, "local", sizes, workdir)
    finally:
        await db.close()
        shutil.rmtree(STORAGE, ignore_errors=True)  # the database and the kept objects
    report(results)
    return 1 if any(r.error for r in results) else 0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="5,50", help="file sizes in MiB (default 5,50)")
    parser.add_argument("--backends", default="s3,local", help="s3,local (default both)")
    parser.add_argument("--moto-in-process", action="store_true", help="moto in a thread here")
    parser.add_argument("--no-tracemalloc", action="store_true", help="throughput only")
    return parser.parse_args()


if __name__ == "__main__":
    arguments = parse_args()
    print("$ " + shlex.join([".venv/bin/python", "bench/upload_bench.py", *sys.argv[1:]]))
    print(f"storage (removed at the end): {STORAGE}", flush=True)
    sys.exit(asyncio.run(main(arguments)))
