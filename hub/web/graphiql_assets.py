"""GraphiQL without the internet: strawberry's page loads React, GraphiQL and its explorer from
unpkg.com; the hub serves the same files (vendored by tools/vendor_graphiql.py, with their
licences) under ASSETS_PATH and points the page at them."""

from __future__ import annotations

from pathlib import Path

from starlette.responses import Response
from starlette.staticfiles import StaticFiles

from hub.web.page_policy import resources_of

CDN = "https://unpkg.com/"
ASSETS_PATH = "/static/graphiql"
ASSETS_DIR = Path(__file__).resolve().parent / "static" / "graphiql"
# The file names carry the package versions: a new version is a new address.
CACHE_CONTROL = "public, max-age=31536000, immutable"


class UnvendoredAsset(RuntimeError):
    """strawberry's page names a file the hub does not serve (strawberry was upgraded): run
    tools/vendor_graphiql.py."""


def offline_page(html: str) -> str:
    """strawberry's page with its CDN addresses replaced by the hub's own; refuses a page that
    would still load anything from elsewhere."""
    page = html.replace(CDN, ASSETS_PATH + "/")
    found = resources_of(page)
    for address in found.script_urls + found.stylesheet_urls:
        if not address.startswith(ASSETS_PATH + "/"):
            raise UnvendoredAsset(f"GraphiQL's page loads {address}")
        if not (ASSETS_DIR / address.removeprefix(ASSETS_PATH + "/")).is_file():
            raise UnvendoredAsset(f"{address} is not vendored: run tools/vendor_graphiql.py")
    return page


class VendoredAssets(StaticFiles):
    def file_response(self, *args, **kwargs) -> Response:
        response = super().file_response(*args, **kwargs)
        response.headers["Cache-Control"] = CACHE_CONTROL
        return response


def vendored_assets() -> VendoredAssets:
    return VendoredAssets(directory=ASSETS_DIR)
