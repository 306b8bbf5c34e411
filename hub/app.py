"""The Starlette application: GraphQL (HTTP and WebSocket), uploads, health."""

from __future__ import annotations

import contextlib

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route, WebSocketRoute
from strawberry.asgi import GraphQL
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from hub import clock, db, wiring
from hub.auth.tokens import principal_from_header
from hub.documents.verify_page import verify_page
from hub.errors import HubError
from hub.events.broker import running_broker
from hub.jobs import inprocess, queue
from hub.jobs.periodic import running_in_process
from hub.materials.staging import receive_staged_upload
from hub.objectstore import get_object_store
from hub.objectstore.base import ObjectStoreUnavailable
from hub.objectstore.links import download_signature_valid
from hub.objectstore.local import LocalObjectStore
from hub.resolvers.context import HubContext
from hub.resolvers.events.socket import GraphQLOverWebSocket
from hub.resolvers.schema import schema
from hub.settings import get_settings
from hub.webhooks.delivery import close_clients


class HubGraphQL(GraphQLOverWebSocket, GraphQL):
    async def get_context(self, request, response=None) -> HubContext:
        context = HubContext(request=request, response=response)
        try:
            context.principal_or_none = principal_from_header(request.headers.get("authorization"))
        except HubError as error:
            context.auth_error = error
        return context


async def put_upload(request: Request) -> Response:
    status = await receive_staged_upload(
        request.path_params["upload_id"],
        expires=request.query_params.get("expires"),
        signature=request.query_params.get("signature"),
        content_length=request.headers.get("content-length"),
        chunks=request.stream(),
    )
    messages = {
        201: "stored",
        403: "bad or expired signature",
        409: "already used",
        413: "larger than announced",
    }
    return PlainTextResponse(messages[status], status_code=status)


async def get_download(request: Request) -> Response:
    """The local backend's expiring download address (S3 presigns its own)."""
    params = request.query_params
    store = get_object_store()
    if not isinstance(store, LocalObjectStore) or not download_signature_valid(params, clock.now()):
        return PlainTextResponse("bad or expired signature", status_code=403)
    try:
        path = store.path_of(params["key"])
    except ValueError:
        return PlainTextResponse("bad key", status_code=403)
    if not path.exists():
        return PlainTextResponse("gone", status_code=404)
    return FileResponse(
        path,
        media_type=params.get("type") or "application/octet-stream",
        filename=params.get("filename") or path.name,
    )


async def healthz(_: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def _redis_check(url: str) -> str:
    from redis.asyncio import Redis

    client = Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
    try:
        await client.ping()
        return "ok"
    except Exception as exc:
        return f"unavailable: {type(exc).__name__}"
    finally:
        await client.aclose()


async def readyz(_: Request) -> Response:
    checks = {}
    checks["database"] = await db.check()
    if get_settings().redis_url:
        checks["queue"] = await _redis_check(get_settings().redis_url)
    try:
        await get_object_store().check()
        checks["objectStore"] = "ok"
    except ObjectStoreUnavailable as exc:
        checks["objectStore"] = f"unavailable: {str(exc)[:120]}"
    ready = all(v == "ok" for v in checks.values())
    return JSONResponse({"ready": ready, "checks": checks}, status_code=200 if ready else 503)


async def _stop_jobs() -> None:
    """In-process jobs get a moment to finish; any cut short stay PENDING for the sweeper."""
    try:
        await inprocess.drain(within=10)
    except TimeoutError:
        inprocess.cancel_all()
    await queue.close()
    await close_clients()


def create_app(*, database_url: str | None = None, manage_database: bool = True) -> Starlette:
    """`manage_database=False` when the caller (a test) has initialised the ORM itself."""
    wiring.install()

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette):
        if manage_database:
            await db.init(database_url)
        store = get_object_store()
        if hasattr(store, "ensure_bucket"):
            with contextlib.suppress(ObjectStoreUnavailable):  # /readyz reports it meanwhile
                await store.ensure_bucket()
        try:
            async with contextlib.AsyncExitStack() as background:
                _app.state.event_broker = await background.enter_async_context(running_broker())
                if not get_settings().redis_url:  # with Redis, the worker's cron runs them
                    await background.enter_async_context(running_in_process(wiring.PERIODIC_JOBS))
                yield
        finally:
            await _stop_jobs()
            if manage_database:
                await db.close()

    graphql = HubGraphQL(schema, subscription_protocols=[GRAPHQL_TRANSPORT_WS_PROTOCOL])
    return Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", graphql),
            Route("/uploads/{upload_id}", put_upload, methods=["PUT"]),
            Route("/downloads", get_download, methods=["GET"]),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/verify/{code}", verify_page),
        ],
        lifespan=lifespan,
    )
