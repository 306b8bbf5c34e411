"""The Starlette application: GraphQL (HTTP and WebSocket), uploads, health."""

from __future__ import annotations

import contextlib
import logging

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from strawberry.asgi import GraphQL
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from hub import clock, db, wiring
from hub.accounts import revocations
from hub.accounts.credentials import principal_from_header
from hub.audit import record_download_served, record_rejected_token
from hub.documents.verify_page import page_shell, verify_page
from hub.errors import HubError, Unauthenticated
from hub.events.broker import running_broker
from hub.jobs import inprocess, queue
from hub.jobs.periodic import running_in_process
from hub.materials.staging import receive_staged_upload
from hub.objectstore import get_object_store
from hub.objectstore.base import ObjectStoreUnavailable
from hub.objectstore.links import download_signature_valid
from hub.objectstore.local import LocalObjectStore
from hub.persisted_operations.apq_cache import apq_cache
from hub.persisted_operations.resolution import PersistedQueries
from hub.ratelimit.budgets import Budgets
from hub.ratelimit.callers import checked_caller, request_authorization
from hub.ratelimit.middleware import RateLimitMiddleware
from hub.resolvers.context import HubContext
from hub.resolvers.events.socket import GraphQLOverWebSocket, HubTransportWSHandler
from hub.resolvers.schema import schema
from hub.schema.operation_audit import client_address
from hub.settings import Settings, get_settings
from hub.signin.lockout import Lockout
from hub.web.console import console_routes
from hub.web.edge import edge_middleware
from hub.web.graphiql_assets import ASSETS_PATH, offline_page, vendored_assets
from hub.web.graphql_response import GraphQLResponseMediaType
from hub.web.json_response import encode_json
from hub.web.metrics import HttpMetrics, metrics
from hub.web.oidc import ROUTES as OIDC_ROUTES
from hub.web.page_policy import graphiql_policy, with_page_policy
from hub.web.persisted_queries import PersistedQueriesSocket, PersistedQueriesView
from hub.web.readiness import readyz
from hub.web.request_id import RequestId
from hub.webhooks.delivery import close_clients

UPLOADS = "/uploads/"
log = logging.getLogger(__name__)


class HubSocketHandler(PersistedQueriesSocket, HubTransportWSHandler):
    pass


class HubGraphQL(PersistedQueriesView, GraphQLResponseMediaType, GraphQLOverWebSocket, GraphQL):
    graphql_transport_ws_handler_class = HubSocketHandler
    _ide_html: str | None = None  # strawberry's page pointed at the hub's copies, on first use
    _ide_policy: str | None = None  # GraphiQL's Content-Security-Policy, built on first use

    def __init__(self, *args, persisted_queries: PersistedQueries, **kwargs) -> None:
        self.persisted_queries = persisted_queries
        super().__init__(*args, **kwargs)

    def encode_json(self, data: object) -> str:
        return encode_json(data)

    @property
    def graphql_ide_html(self) -> str:
        if self._ide_html is None:  # strawberry reads its template from disk each time
            self._ide_html = offline_page(super().graphql_ide_html)
        return self._ide_html

    async def get_context(self, request, response=None) -> HubContext:
        context = HubContext(request=request, response=response)
        if (caller := checked_caller(request.scope)) is not None:
            context.principal_or_none, context.auth_error = caller.principal, caller.auth_error
        else:
            try:
                header = request_authorization(request.scope)
                context.principal_or_none = await principal_from_header(header)
            except HubError as error:
                context.auth_error = error
        if isinstance(context.auth_error, Unauthenticated):  # a failed sign-in by token
            try:
                reason = context.auth_error.message
                await record_rejected_token(address=client_address(request), reason=reason)
            except Exception:  # the request is refused all the same
                log.exception("the audit entry of a rejected token was not written")
        return context

    async def render_graphql_ide(self, request: Request) -> Response:
        response = await super().render_graphql_ide(request)
        if self._ide_policy is None:
            self._ide_policy = graphiql_policy(self.graphql_ide_html)
        response.headers["Content-Security-Policy"] = self._ide_policy
        return response


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
    await record_download_served(key=params["key"], address=client_address(request))
    return FileResponse(
        path,
        media_type=params.get("type") or "application/octet-stream",
        filename=params.get("filename") or path.name,
        content_disposition_type="attachment",  # never shown inline on the hub's origin
    )


async def healthz(_: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def _stop_jobs() -> None:
    """In-process jobs get a moment to finish; any cut short stay PENDING for the sweeper."""
    try:
        await inprocess.drain(within=10)
    except TimeoutError:
        inprocess.cancel_all()
    await queue.close()
    await close_clients()


class HubStarlette(Starlette):
    def build_middleware_stack(self):
        # Outside Starlette's own error middleware, so that a 500 carries the request id too.
        return RequestId(super().build_middleware_stack())


def protections(settings: Settings) -> tuple[list[Middleware], Budgets | None]:
    """The abuse protections of API.md ("Limits and protection"), outermost first; none when
    HUB_PROTECTIONS_ENABLED is false (only to measure what they cost)."""
    if not settings.protections_enabled:
        return [], None
    budgets = Budgets(
        requests=settings.rate_limit,
        auth_failures=settings.rate_limit_auth_failures,
        redis_url=settings.redis_url,
    )
    middleware = edge_middleware(
        # The upload PUT enforces HUB_MAX_UPLOAD_BYTES (the announced size) itself.
        own_body_limit=[("PUT", UPLOADS)],
        before_body_limit=[Middleware(RateLimitMiddleware, budgets=budgets)],
    )
    return middleware, budgets


def create_app(*, database_url: str | None = None, manage_database: bool = True) -> Starlette:
    """`manage_database=False` when the caller (a test) has initialised the ORM itself."""
    wiring.install()
    settings = get_settings()
    middleware, budgets = protections(settings)
    lockout = Lockout(redis_url=settings.redis_url)  # of sign-ins, shared through Redis
    persisted_queries = PersistedQueries(
        apq_cache(
            settings.redis_url, size=settings.apq_cache_size, ttl_seconds=settings.apq_ttl_seconds
        ),
        persisted_only=settings.persisted_only,
        registered_size=settings.apq_cache_size,
    )

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette):
        if manage_database:
            await db.init(database_url)
        with contextlib.suppress(ObjectStoreUnavailable):  # /readyz reports it meanwhile
            await get_object_store().ensure_ready()
        try:
            async with contextlib.AsyncExitStack() as background:
                _app.state.event_broker = await background.enter_async_context(running_broker())
                await background.enter_async_context(revocations.listening())
                if not get_settings().redis_url:  # with Redis, the worker's cron runs them
                    await background.enter_async_context(running_in_process(wiring.PERIODIC_JOBS))
                yield
        finally:
            await _stop_jobs()
            if budgets is not None:
                await budgets.aclose()
            await lockout.aclose()
            await persisted_queries.aclose()
            if manage_database:
                await db.close()

    graphql = HubGraphQL(
        schema,
        subscription_protocols=[GRAPHQL_TRANSPORT_WS_PROTOCOL],
        persisted_queries=persisted_queries,
    )
    routes = [
        Route("/graphql", graphql, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql),
        Route(UPLOADS + "{upload_id}", put_upload, methods=["PUT"]),
        Route("/downloads", get_download, methods=["GET"]),
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        Route("/metrics", metrics, methods=["GET"]),
        Route("/verify/{code}", with_page_policy(verify_page, page=page_shell())),
        Mount(ASSETS_PATH, app=vendored_assets()),
        *OIDC_ROUTES,
        *console_routes(),
    ]
    app = HubStarlette(
        routes=routes,
        middleware=[Middleware(HttpMetrics, routes=routes), *middleware],
        lifespan=lifespan,
    )
    app.state.rate_budgets = budgets  # closed by the lifespan; tests without one close it
    app.state.sign_in_lockout = lockout
    return app
