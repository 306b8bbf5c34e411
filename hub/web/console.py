"""The staff console (CONSOLE.md) at /console/: a Vue application built from console/ into
hub/web/static/console/ (`npm run build` there; the Python package ships the output, so serving
it needs no Node.js). Its files are served by the hub itself, the intranet having no internet;
every other address under /console/ answers the application's page, whose router shows the
page of that address (/console/cases/{id} can be bookmarked)."""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from hub.objectstore import get_object_store
from hub.web.page_policy import page_policy

PREFIX = "/console"
BUILD_DIR = Path(__file__).resolve().parent / "static" / "console"
# Vite names each built file by its content's hash: a new build is a new address.
IMMUTABLE = "public, max-age=31536000, immutable"


class ConsoleNotBuilt(RuntimeError):
    """hub/web/static/console/index.html is missing: run `npm run build` in console/."""


def console_policy(html: str, *, store_origin: str | None = None) -> str:
    """Its scripts and stylesheets from the hub ('self'); Element Plus sets styles at run time;
    it calls the API over fetch and WebSocket on the same origin, and PUTs uploads to their
    presigned address: the hub itself, or the S3 store's public origin (`store_origin`)."""
    return page_policy(
        html,
        styles_added_by_scripts=True,
        extra={
            "connect-src": " ".join(filter(None, ["'self'", store_origin])),
            "img-src": "'self' data: blob:",
            "font-src": "'self' data:",
        },
    )


class _BuiltAssets(StaticFiles):
    def file_response(self, *args, **kwargs) -> Response:
        response = super().file_response(*args, **kwargs)
        response.headers["Cache-Control"] = IMMUTABLE
        return response


def console_routes() -> list[Route | Mount]:
    index = BUILD_DIR / "index.html"
    if not index.is_file():
        raise ConsoleNotBuilt(f"{index} is missing: run `npm run build` in console/")
    html = index.read_text(encoding="utf-8")
    policy = console_policy(html, store_origin=getattr(get_object_store(), "public_origin", None))

    async def application_page(_request: Request) -> Response:
        # Never cached: it names the current build's files.
        return HTMLResponse(
            html, headers={"Content-Security-Policy": policy, "Cache-Control": "no-cache"}
        )

    async def to_console(_request: Request) -> Response:
        return RedirectResponse(PREFIX + "/", status_code=308)

    return [
        Route(PREFIX, to_console),
        Mount(PREFIX + "/assets", app=_BuiltAssets(directory=BUILD_DIR / "assets")),
        Route(PREFIX + "/{path:path}", application_page),
    ]
