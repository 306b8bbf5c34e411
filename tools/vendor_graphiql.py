#!/usr/bin/env python3
"""Vendors the scripts and stylesheets of strawberry's GraphiQL page into hub/web/static/graphiql/,
so that the hub serves the page with no outside address (the hall's intranet has no internet).

    .venv/bin/python tools/vendor_graphiql.py

Reads the unpkg.com addresses of the installed strawberry's graphiql.html, `npm pack`s each
package at exactly that version, copies the referenced file, the package's licence and its
package.json to hub/web/static/graphiql/<package>@<version>/, and checks each file against the
page's `integrity` hash. A package that ships no licence file (@graphiql/plugin-explorer) gets
the one of a vendored package from the same repository under the same licence. Run it again
after upgrading strawberry-graphql; commit the result. Needs npm.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import strawberry

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "hub" / "web" / "static" / "graphiql"
PAGE = Path(strawberry.__file__).parent / "static" / "graphiql.html"
CDN = "https://unpkg.com/"
# <package>@<version>/<path>, the package possibly scoped (@graphiql/plugin-explorer).
ADDRESS = re.compile(r"(?P<package>(?:@[^/@]+/)?[^/@]+)@(?P<version>[^/]+)/(?P<path>.+)")
LICENCE = re.compile(r"^(licen[cs]e|copying)(\.(md|txt))?$", re.IGNORECASE)


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []  # (address, integrity)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = {name: value or "" for name, value in attrs}
        address = named.get("src") if tag == "script" else named.get("href")
        if tag in ("script", "link") and address and address.startswith(CDN):
            self.found.append((address, named.get("integrity", "")))


def page_assets() -> list[tuple[str, str]]:
    reader = _Assets()
    reader.feed(PAGE.read_text(encoding="utf-8"))
    return reader.found


def npm_pack(package: str, version: str, into: Path) -> Path:
    """The package's files, unpacked (npm's tarballs hold them under package/)."""
    tarball = subprocess.run(
        ["npm", "pack", f"{package}@{version}", "--silent", "--pack-destination", str(into)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()[-1]
    unpacked = into / f"{tarball}.d"
    with tarfile.open(into / tarball) as archive:
        archive.extractall(unpacked, filter="data")
    return unpacked / "package"


def check_integrity(path: Path, integrity: str) -> None:
    algorithm, _, expected = integrity.partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, path.read_bytes()).digest()).decode()
    if actual != expected:
        sys.exit(f"{path}: {algorithm} {actual} is not the page's {expected}")


def licence_files(package: Path) -> list[Path]:
    return [path for path in package.iterdir() if LICENCE.match(path.name)]


def origin(package: Path) -> tuple[str, str]:
    """(repository, SPDX licence) as package.json states them."""
    meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
    repository = meta.get("repository") or ""
    url = repository.get("url", "") if isinstance(repository, dict) else repository
    # git+https://github.com/a/b.git and http://github.com/a/b name the same repository.
    url = re.sub(r"^(git\+)?[a-z]+://", "", url).removesuffix("/").removesuffix(".git")
    return url, meta.get("license", "")


def copy_licences(unpacked: dict[str, Path]) -> None:
    for key, package in unpacked.items():
        (TARGET / key).mkdir(parents=True, exist_ok=True)
        shutil.copy2(package / "package.json", TARGET / key / "package.json")
        licences = licence_files(package)
        if not licences:
            siblings = [
                other
                for other in unpacked.values()
                if other != package and origin(other) == origin(package) and licence_files(other)
            ]
            if not siblings or not origin(package)[1]:
                sys.exit(f"{key} ships no licence file and no sibling package has one")
            licences = licence_files(siblings[0])
            print(f"{key}: no licence file; {origin(package)[1]} text from its repository sibling")
        for licence in licences:
            shutil.copy2(licence, TARGET / key / licence.name)


def main() -> None:
    assets = page_assets()
    if not assets:
        sys.exit(f"no {CDN} address in {PAGE}: has strawberry's page changed?")
    shutil.rmtree(TARGET, ignore_errors=True)
    with tempfile.TemporaryDirectory() as scratch:
        unpacked: dict[str, Path] = {}
        for address, integrity in assets:
            match = ADDRESS.fullmatch(address.removeprefix(CDN))
            if match is None:
                sys.exit(f"cannot read package, version and file from {address}")
            package, version, path = match["package"], match["version"], match["path"]
            key = f"{package}@{version}"
            if key not in unpacked:
                unpacked[key] = npm_pack(package, version, Path(scratch))
            destination = TARGET / key / path
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(unpacked[key] / path, destination)
            if integrity:
                check_integrity(destination, integrity)
            print(f"{address} -> {destination.relative_to(ROOT)}")
        copy_licences(unpacked)


if __name__ == "__main__":
    main()
