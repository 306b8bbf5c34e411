"""The console ships built (hub/web/static/console/, from console/ by `npm run build`), so that
`make run` and `make test` need no Node.js. These tests keep the build in step with its
sources and the hub serving it."""

from __future__ import annotations

import hashlib
from pathlib import Path

from hub.web.console import BUILD_DIR, console_policy
from hub.web.page_policy import resources_of

SOURCES = Path(__file__).resolve().parents[2] / "console"
# What shapes the build; the same list as console/scripts/source-hash.mjs.
INPUTS = ["index.html", "package.json", "package-lock.json", "vite.config.js", "src"]


def source_hash() -> str:
    files: list[Path] = []
    for name in INPUTS:
        path = SOURCES / name
        files.extend(sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path])
    digest = hashlib.sha256()
    for path in sorted(files, key=lambda p: p.relative_to(SOURCES).as_posix()):
        digest.update(path.relative_to(SOURCES).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def test_the_shipped_build_is_of_the_current_sources():
    built = (BUILD_DIR / "SOURCE_HASH").read_text(encoding="utf-8").strip()
    assert built == source_hash(), "console/ changed since the last build: npm run build there"


def test_the_page_loads_only_the_hubs_own_files():
    html = (BUILD_DIR / "index.html").read_text(encoding="utf-8")
    found = resources_of(html)
    addresses = found.script_urls + found.stylesheet_urls
    assert addresses, "the built page names its scripts"
    for address in addresses:
        assert address.startswith("/console/assets/"), address
        assert (BUILD_DIR / address.removeprefix("/console/")).is_file(), address
    policy = console_policy(html)
    assert "script-src 'self'" in policy
    assert "unsafe-eval" not in policy
