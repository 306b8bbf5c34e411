"""DOCX to PDF with LibreOffice (`soffice --headless`), when it is installed.

Each conversion runs in a scratch directory with its own LibreOffice profile (two instances
sharing one profile block each other), under a timeout, and at most `pdf_concurrency` at once
per process. East-Asian text needs a CJK font on the machine (Debian: fonts-noto-cjk); the
templates name Noto CJK first."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import tempfile
from functools import cache
from pathlib import Path

from hub.settings import get_settings


class PdfConversionFailed(Exception):
    pass


@cache
def soffice_path() -> str | None:
    settings = get_settings()
    if settings.pdf.lower() == "off":
        return None
    return shutil.which(settings.soffice)


_slots: dict[asyncio.AbstractEventLoop, asyncio.Semaphore] = {}


def _slot() -> asyncio.Semaphore:
    loop = asyncio.get_running_loop()
    if loop not in _slots:
        _slots[loop] = asyncio.Semaphore(get_settings().pdf_concurrency)
    return _slots[loop]


async def docx_to_pdf(docx: bytes) -> bytes | None:
    """The PDF rendering, or None when LibreOffice is not installed (or HUB_PDF=off)."""
    soffice = soffice_path()
    if soffice is None:
        return None
    async with _slot():
        with tempfile.TemporaryDirectory(prefix="hub-pdf-") as scratch:
            work = Path(scratch)
            source = work / "document.docx"
            source.write_bytes(docx)
            await _convert(soffice, work, source)
            target = work / "document.pdf"
            if not target.exists():
                raise PdfConversionFailed("LibreOffice produced no PDF")
            return target.read_bytes()


async def _convert(soffice: str, work: Path, source: Path) -> None:
    process = await asyncio.create_subprocess_exec(
        soffice,
        f"-env:UserInstallation={(work / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "pdf:writer_pdf_Export",
        "--outdir",
        str(work),
        str(source),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        start_new_session=True,  # its own process group, so a timeout kills all of it
        env={**os.environ, "HOME": str(work)},
    )
    try:
        async with asyncio.timeout(get_settings().pdf_timeout_seconds):
            output, _ = await process.communicate()
    except TimeoutError:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        await process.wait()
        raise PdfConversionFailed("LibreOffice timed out") from None
    if process.returncode != 0:
        raise PdfConversionFailed(f"LibreOffice exited {process.returncode}: {output[-300:]!r}")
