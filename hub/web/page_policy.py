"""Content-Security-Policy for the HTML pages the hub serves (GraphiQL, /verify/{code}), read
from the page itself: it may run the scripts it names (by full address, or 'self' for the hub's
own) and its own inline scripts (by hash), and load the stylesheets it names. Everything else
keeps the strict default of hub/web/security_headers.py.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from starlette.requests import Request
from starlette.responses import Response

Endpoint = Callable[[Request], Awaitable[Response]]


@dataclass
class PageResources:
    script_urls: list[str] = field(default_factory=list)
    inline_scripts: list[str] = field(default_factory=list)
    stylesheet_urls: list[str] = field(default_factory=list)
    inline_styles: list[str] = field(default_factory=list)


class _ResourceReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = PageResources()
        self._inline: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = {name: value or "" for name, value in attrs}
        if tag == "script" and named.get("src"):
            self.found.script_urls.append(named["src"])
        elif tag in ("script", "style"):
            self._inline = (tag, [])
        elif tag == "link" and "stylesheet" in named.get("rel", "").split():
            self.found.stylesheet_urls.append(named["href"])

    def handle_data(self, data: str) -> None:
        if self._inline is not None:
            self._inline[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._inline is not None and self._inline[0] == tag:
            text = "".join(self._inline[1])
            (self.found.inline_scripts if tag == "script" else self.found.inline_styles).append(
                text
            )
            self._inline = None


def resources_of(html: str) -> PageResources:
    reader = _ResourceReader()
    reader.feed(html)
    reader.close()
    return reader.found


def _source(address: str) -> str:
    """A CSP source expression has no form for a bare path: the hub's own files are 'self'."""
    same_origin = address.startswith("/") and not address.startswith("//")
    return "'self'" if same_origin else address


def _sources(addresses: list[str]) -> list[str]:
    return list(dict.fromkeys(_source(address) for address in addresses))


def _hash_source(text: str) -> str:
    digest = hashlib.sha256(text.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def page_policy(
    html: str, *, styles_added_by_scripts: bool = False, extra: dict[str, str] | None = None
) -> str:
    """`styles_added_by_scripts`: the page's scripts insert <style> elements of their own, which
    no hash can name; inline styles are then allowed (scripts stay pinned)."""
    found = resources_of(html)
    scripts = _sources(found.script_urls) + [_hash_source(s) for s in found.inline_scripts]
    if styles_added_by_scripts:
        styles = [*_sources(found.stylesheet_urls), "'unsafe-inline'"]
    else:
        styles = _sources(found.stylesheet_urls) + [_hash_source(s) for s in found.inline_styles]
    directives = {
        "default-src": "'none'",
        "script-src": " ".join(scripts) or "'none'",
        "style-src": " ".join(styles) or "'none'",
        **(extra or {}),
        "base-uri": "'none'",
        "form-action": "'none'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def graphiql_policy(html: str) -> str:
    """strawberry's GraphiQL page as the hub serves it: its scripts and stylesheets from the hub
    (hub/web/graphiql_assets.py), its inline bootstrap script; it calls this API over fetch and
    WebSocket ('self'), shows a data: favicon and uses data: fonts and images from
    graphiql.min.css; its dialogs insert <style> elements."""
    return page_policy(
        html,
        styles_added_by_scripts=True,
        extra={"connect-src": "'self'", "img-src": "data:", "font-src": "data:"},
    )


def with_page_policy(endpoint: Endpoint, *, page: str) -> Endpoint:
    """The endpoint's HTML answers carry the policy of `page`, its static shell: built once from
    what the code writes, never from a rendered answer (content that slipped past escaping must
    not be allowed by the policy meant to stop it)."""
    policy = page_policy(page)

    async def endpoint_with_policy(request: Request) -> Response:
        response = await endpoint(request)
        if response.media_type == "text/html":
            response.headers["Content-Security-Policy"] = policy
        return response

    return endpoint_with_policy
