"""Document rendering: documents per second per worker process, the job's overhead against a
bare docxtpl render of the same template, and the time from acceptCase to the receipt notice
being READY with `hub worker` running.

Run:
    .venv/bin/python bench/documents_bench.py [--docs 60] [--latency-cases 20]
        [--database postgres://postgres@127.0.0.1:5432/bench_documents]
        [--redis redis://127.0.0.1:6379/9] [--skip-latency]

1. Throughput and overhead (this process, SQLite + local storage, no PDF): N receipt notices
   of one accepted case are issued PENDING and rendered one after another by the real job
   (`render_document`: context from the database, QR code, docxtpl, object store, READY row and
   event). The bare render is `DocxTemplate(template).render(context, autoescape=True)` plus
   saving to memory, with the same context and QR image, N times, in the same run. With
   LibreOffice installed the job is timed again with PDFs (fewer documents).
2. Latency: PostgreSQL + Redis (created/flushed by the bench), one `hub worker` subprocess;
   each case is submitted beforehand, then the clock runs from sending acceptCase to the
   receipt notice row being READY (polled every 5 ms), once with PDFs off and, when soffice is
   installed, once with them on.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
STORAGE = Path(tempfile.mkdtemp(prefix="hub-documents-bench-"))
os.environ["HUB_STORAGE_DIR"] = str(STORAGE)
os.environ["HUB_SECRET_KEY"] = "bench-secret-key-0123456789-0123456789"
os.environ["HUB_PUBLIC_URL"] = "http://hub.bench"
os.environ["HUB_PDF"] = "off"
for _name in ("HUB_DATABASE_URL", "HUB_REDIS_URL", "HUB_S3_ENDPOINT"):
    os.environ.pop(_name, None)

import httpx  # noqa: E402
from docxtpl import DocxTemplate, InlineImage  # noqa: E402
from tortoise.backends.base.executor import EXECUTOR_CACHE  # noqa: E402

from bench.scratch_database import drop_database, recreate_database  # noqa: E402
from hub import db  # noqa: E402
from hub.app import create_app  # noqa: E402
from hub.documents import pdf  # noqa: E402
from hub.documents.context import build_context  # noqa: E402
from hub.documents.jobs import render_document  # noqa: E402
from hub.documents.render import QR_SIZE, qr_png, template_path  # noqa: E402
from hub.documents.service import issue_document  # noqa: E402
from hub.documents.verification import verify_url  # noqa: E402
from hub.enums import DocumentKind  # noqa: E402
from hub.jobs import inprocess  # noqa: E402
from hub.models import Case, Document  # noqa: E402
from hub.settings import get_settings  # noqa: E402
from hub.transactions import in_transaction  # noqa: E402
from tests.api import ACCEPT, Api  # noqa: E402
from tests.documents.support import wait_until  # noqa: E402
from tests.factories import WINDOW, accepted_case, submitted_case  # noqa: E402

KIND = DocumentKind.RECEIPT_NOTICE


async def issue_pending(case: Case, count: int) -> list[Document]:
    documents = []
    for _ in range(count):
        async with in_transaction():
            documents.append(await issue_document(case, KIND))
    await inprocess.drain()  # the in-process runner renders them: undo that below
    ids = [d.id for d in documents]
    await Document.filter(id__in=ids).update(status="PENDING")
    return await Document.filter(id__in=ids).order_by("created_at")


async def time_jobs(documents: list[Document]) -> list[float]:
    """Seconds each render job took, end to end."""
    timings = []
    for document in documents:
        started = time.perf_counter()
        assert await render_document({"job_try": 1}, str(document.id)) == "ready"
        timings.append(time.perf_counter() - started)
    return timings


def time_bare(context: dict, url: str, count: int) -> list[float]:
    """Seconds each bare docxtpl render + save of the same template and context took."""
    source = template_path(KIND).read_bytes()
    png = qr_png(url)
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        template = DocxTemplate(io.BytesIO(source))
        image = InlineImage(template, io.BytesIO(png), width=QR_SIZE, height=QR_SIZE)
        template.render({**context, "verify_url": url, "qr_code": image}, autoescape=True)
        template.save(io.BytesIO())
        timings.append(time.perf_counter() - started)
    return timings


async def throughput(docs: int) -> None:
    await db.migrate()
    await db.init()
    app = create_app(manage_database=False)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://hub.bench"
    ) as http:
        created = await accepted_case(Api(http), ("POWER", "WATER", "GAS"))
    await inprocess.drain()
    case = await Case.get(id=created["id"])
    warm = await issue_pending(case, 10)  # warm-up: imports, caches, the database's pages
    await time_jobs(warm)
    sample = warm[-1]
    context = await build_context(sample)
    url = verify_url(sample.verification_code)
    time_bare(context, url, 10)

    # Blocks of each in turn (a worker renders one job after another), each block starting
    # from a collected heap, so that neither pays for the other's garbage.
    rounds = 3
    bare, job = [], []
    for _ in range(rounds):
        pending = await issue_pending(case, docs // rounds)
        gc.collect()
        bare += time_bare(context, url, docs // rounds)
        gc.collect()
        job += await time_jobs(pending)
    print(
        f"receipt notices, {len(job)} each (alternating blocks), one process, SQLite + local store:"
    )
    for label, timings in (("bare docxtpl render+save", bare), ("render job (end to end)", job)):
        median = statistics.median(timings)
        print(
            f"  {label:25} median {median * 1000:6.1f} ms/doc  {1 / median:6.1f} docs/s  "
            f"(total {sum(timings):5.2f} s)"
        )
    ratio = statistics.median(job) / statistics.median(bare)
    print(
        f"  overhead job / bare:      {ratio:7.2f}x of the medians, "
        f"{sum(job) / sum(bare):.2f}x of the totals   (aim: <= 1.3x)"
    )

    if shutil.which(get_settings().soffice):
        get_settings().pdf = "auto"
        pdf.soffice_path.cache_clear()
        count = max(3, docs // 10)
        with_pdf = statistics.median(await time_jobs(await issue_pending(case, count)))
        print(
            f"  render job with PDF:      median {with_pdf * 1000:6.1f} ms/doc  "
            f"{1 / with_pdf:6.2f} docs/s  ({count} docs, LibreOffice, fresh profile each)"
        )
        get_settings().pdf = "off"
        pdf.soffice_path.cache_clear()
    await db.close()


async def latency(database: str, redis: str, cases: int, with_pdf: bool) -> list[float]:
    from redis.asyncio import Redis

    client = Redis.from_url(redis)
    await client.flushdb()
    await client.aclose()
    settings = get_settings()
    settings.redis_url = redis
    env = {
        **os.environ,
        "HUB_DATABASE_URL": database,
        "HUB_REDIS_URL": redis,
        "HUB_PDF": "auto" if with_pdf else "off",
    }
    worker = await asyncio.create_subprocess_exec(
        str(ROOT / ".venv/bin/hub"),
        "worker",
        env=env,
        cwd=ROOT,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    timings = []
    try:
        EXECUTOR_CACHE.clear()  # this process used SQLite before: forget its statements
        await db.init(database)
        app = create_app(manage_database=False)
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://hub.bench"
        ) as http:
            api = Api(http)
            submitted = [
                await submitted_case(api, ("POWER", "GAS"), with_materials=True)
                for _ in range(cases)
            ]
            await asyncio.sleep(3)  # the worker is up and has drained the application forms
            for case in submitted:
                started = time.perf_counter()
                await api.ok(ACCEPT, {"caseId": case["id"]}, WINDOW)
                receipt = Document.filter(case_id=case["id"], kind=KIND, status="READY")
                await wait_until(receipt.exists, within=120, every=0.005)
                timings.append(time.perf_counter() - started)
        await db.close()
    finally:
        worker.terminate()
        await worker.wait()
        settings.redis_url = None
    return timings


def percentiles(timings: list[float]) -> str:
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (
        f"p50 {statistics.median(ordered) * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms   "
        f"max {ordered[-1] * 1000:7.1f} ms   (n={len(ordered)})"
    )


async def measure_latency(args) -> None:
    name = args.database.rsplit("/", 1)[1]
    await recreate_database(name)
    EXECUTOR_CACHE.clear()
    await db.migrate(args.database)
    await db.close()
    print("acceptCase -> receipt notice READY, `hub worker` on PostgreSQL + Redis:")
    timings = await latency(args.database, args.redis, args.latency_cases, False)
    print("  no PDF:   " + percentiles(timings))
    if shutil.which(get_settings().soffice):
        count = max(5, args.latency_cases // 4)
        timings = await latency(args.database, args.redis, count, True)
        print("  with PDF: " + percentiles(timings))
    await drop_database(name)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=60)
    parser.add_argument("--latency-cases", type=int, default=20)
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/bench_documents")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/9")
    parser.add_argument("--skip-latency", action="store_true")
    args = parser.parse_args()
    print("command: .venv/bin/python bench/documents_bench.py " + " ".join(sys.argv[1:]))
    asyncio.run(throughput(args.docs))
    if not args.skip_latency:
        asyncio.run(measure_latency(args))


if __name__ == "__main__":
    main()
