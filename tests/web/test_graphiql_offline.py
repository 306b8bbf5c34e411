"""Issue 24, part 6: GraphiQL works on an intranet with no internet. Its page names no outside
address; the hub serves every script and stylesheet it names, byte for byte the files the page's
integrity hashes pin, with long cache headers; each vendored package keeps its licence."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from hub.web.graphiql_assets import (
    ASSETS_DIR,
    ASSETS_PATH,
    CACHE_CONTROL,
    UnvendoredAsset,
    offline_page,
)

HTML = {"Accept": "text/html"}
ORIGIN = "http://hub.test"  # tests/conftest.py's HUB_PUBLIC_URL and the test client's base
CONTENT_TYPES = {"script": "text/javascript", "link": "text/css"}
JAVASCRIPT = {"text/javascript", "application/javascript"}


class _Addresses(HTMLParser):
    """Every address an element names, with its tag and integrity attribute."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []  # (tag, address, integrity)
        self.inline: list[str] = []
        self._in_inline = False

    def handle_starttag(self, tag, attrs):
        named = {name: value or "" for name, value in attrs}
        for attribute in ("src", "href", "action", "poster", "data"):
            if attribute in named:
                self.found.append((tag, named[attribute], named.get("integrity", "")))
        self._in_inline = tag in ("script", "style") and "src" not in named

    def handle_data(self, data):
        if self._in_inline:
            self.inline.append(data)

    def handle_endtag(self, tag):
        self._in_inline = False


def addresses_of(page: str) -> _Addresses:
    reader = _Addresses()
    reader.feed(page)
    reader.close()
    return reader


def inline_addresses(code: str) -> list[str]:
    """Addresses inline scripts and styles would load: import, url(), fetch of a literal."""
    patterns = [
        r"""\bimport\s*(?:[\w*{}\s,]+from\s*)?\(?\s*["']([^"']+)["']""",
        r"""url\(\s*["']?([^"')]+)""",
        r"""\bfetch\(\s*["']([^"']+)["']""",
    ]
    return [match for pattern in patterns for match in re.findall(pattern, code)]


def outside(address: str) -> bool:
    absolute = urlsplit(urljoin(ORIGIN + "/graphql", address.strip()))
    if absolute.scheme == "data":
        return False
    return f"{absolute.scheme}://{absolute.netloc}" != ORIGIN


@pytest.fixture
async def graphiql_page(sqlite_api) -> str:
    response = await sqlite_api.http.get("/graphql", headers=HTML)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    return response.text


async def test_the_graphiql_page_names_no_outside_address(graphiql_page):
    found = addresses_of(graphiql_page)
    addresses = [address for _, address, _ in found.found]
    addresses += [a for code in found.inline for a in inline_addresses(code)]
    assert len(addresses) >= 8  # favicon, 5 scripts, 2 stylesheets
    assert [a for a in addresses if outside(a)] == []
    assert "unpkg.com" not in graphiql_page


async def test_every_asset_of_the_page_is_served_as_pinned(sqlite_api, graphiql_page):
    assets = [
        (tag, address, integrity)
        for tag, address, integrity in addresses_of(graphiql_page).found
        if tag == "script" or (tag == "link" and not address.startswith("data:"))
    ]
    assert len(assets) == 7
    for tag, address, integrity in assets:
        assert address.startswith(ASSETS_PATH + "/"), address
        response = await sqlite_api.http.get(address)
        assert response.status_code == 200, address
        media_type = response.headers["content-type"].split(";")[0]
        assert media_type in (JAVASCRIPT if tag == "script" else {"text/css"}), address
        assert response.headers["cache-control"] == CACHE_CONTROL
        # The page keeps strawberry's integrity hashes: the browser checks them too.
        algorithm, _, digest = integrity.partition("-")
        served = base64.b64encode(hashlib.new(algorithm, response.content).digest()).decode()
        assert served == digest, f"{address} is not the file the page pins"


async def test_the_asset_folder_serves_nothing_outside_it(sqlite_api):
    for path in ("/../hub/settings.py", "/%2e%2e/%2e%2e/app.py", "/no-such-file.js"):
        response = await sqlite_api.http.get(ASSETS_PATH + path)
        assert response.status_code == 404, path


def test_every_vendored_package_carries_its_licence():
    packages = [p.parent for p in ASSETS_DIR.rglob("package.json")]
    assert len(packages) == 5  # react, react-dom, js-cookie, graphiql, the explorer plugin
    for package in packages:
        licences = [p for p in package.iterdir() if p.name.upper().startswith("LICEN")]
        assert licences, f"{package.relative_to(ASSETS_DIR)} has no licence"
        assert "Permission is hereby granted" in licences[0].read_text()  # MIT, all five


@pytest.mark.parametrize(
    "tag",
    [
        '<script src="https://cdn.example/new-plugin@1.0.0/index.js"></script>',
        '<link rel="stylesheet" href="https://unpkg.com/graphiql@9.9.9/graphiql.min.css">',
    ],
)
def test_a_page_naming_an_unvendored_file_is_refused(tag):
    with pytest.raises(UnvendoredAsset):
        offline_page(f"<html><head>{tag}</head></html>")
