"""The hub's Prometheus metric families, in one place (README, "Metrics"). Every package may
import this module and count; `/metrics` (the API) and HUB_WORKER_METRICS_PORT (`hub worker`)
expose them. Each process counts its own: Prometheus scrapes every replica and sums.

Labels hold only bounded values the hub chooses (kinds, codes, outcomes, route templates):
never an id, a case number, a person or an address. The one label a client names, the GraphQL
operation, is bounded by `operation_label`.
"""

from __future__ import annotations

import re
import threading

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
    start_http_server,
)
from prometheus_client.registry import Collector

# Not a `_created` series beside every counter and histogram: they double what a scrape
# carries, and Prometheus sees a restart from the counter going down anyway.
disable_created_metrics()

#: Distinct client operation names counted under their own label; later ones count as OTHER.
#: The hub's clients name a few dozen; with a handful of codes each, a scrape stays small.
OPERATION_NAME_CAP = 100
ANONYMOUS = "anonymous"
OTHER = "other"
_WELL_FORMED = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")

GRAPHQL_OPERATION_SECONDS = Histogram(
    "hub_graphql_operation_seconds",
    "GraphQL queries and mutations (the _count is the number of operations) by operation name "
    "and outcome code: OK, the first error's extensions.code, or BAD_REQUEST (HTTP 400)",
    ["operation", "code"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
HTTP_RESPONSES = Counter(
    "hub_http_responses", "HTTP answers by route template and status code", ["route", "status"]
)
WEBSOCKETS_OPEN = Gauge("hub_websockets_open", "WebSocket connections open now")
SUBSCRIPTIONS_ACTIVE = Gauge("hub_subscriptions_active", "GraphQL subscriptions running now")
JOBS = Counter(
    "hub_jobs",
    "Job runs (queued jobs and periodic sweeps) by job and outcome: ok, retry or error",
    ["job", "outcome"],
)
DOCUMENT_RENDERS = Counter(
    "hub_document_renders",
    "Document render tries by kind and outcome: ready, retry (a try failed) or failed (for good)",
    ["kind", "outcome"],
)
DOCUMENT_RENDER_SECONDS = Histogram(
    "hub_document_render_seconds",
    "Time to render and store one document (DOCX, and PDF when made), every try",
    ["kind"],
    buckets=(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40, 60, 120),
)
SLA_WARNINGS = Counter("hub_sla_warnings", "SLA_WARNING events by clock kind", ["clock"])
SLA_BREACHES = Counter("hub_sla_breaches", "SLA_BREACHED events by clock kind", ["clock"])
INQUIRY_OUTCOMES = Counter(
    "hub_inquiries",
    "Inquiry steps (问题协调) by outcome: raised, planned, answered or reopened",
    ["outcome"],
)
WEBHOOK_DELIVERIES = Counter(
    "hub_webhook_deliveries",
    "Webhook delivery attempts by outcome: delivered, retrying, failed or superseded",
    ["outcome"],
)
NOTIFICATIONS = Counter(
    "hub_notifications",
    "Notification attempts by channel (SMS, EMAIL) and outcome: sent, retrying or failed",
    ["channel", "outcome"],
)
LICENCE_PULLS = Counter(
    "hub_licence_pulls",
    "E-licence and project-approval pulls by kind and outcome: OK, REUSED or the failure's code",
    ["kind", "outcome"],
)
SIGN_IN_LOCKOUTS = Counter(
    "hub_sign_in_lockouts",
    "Usernames locked after five failed sign-ins within 15 minutes",
)
SIGN_INS = Counter(
    "hub_sign_ins",
    "Sign-in attempts by outcome: signed_in, refused (unknown user or wrong password), locked",
    ["outcome"],
)
OIDC_SIGN_INS = Counter(
    "hub_oidc_sign_ins",
    "Single sign-on callbacks by outcome: session, refused (flow, provider's answer or token), "
    "no_user (unknown or disabled) or unavailable (the provider or Redis)",
    ["outcome"],
)
RATE_LIMIT_REFUSALS = Counter(
    "hub_rate_limit_refusals",
    "Requests refused as RATE_LIMITED by budget: requests, auth_failures or socket_operations",
    ["budget"],
)


class _OperationNames:
    """The operation names seen so far, at most OPERATION_NAME_CAP of them."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self._seen: set[str] = set()
        self._lock = threading.Lock()

    def label(self, name: str | None) -> str:
        if not name:
            return ANONYMOUS
        if not _WELL_FORMED.fullmatch(name):
            return OTHER
        with self._lock:
            if name in self._seen:
                return name
            if len(self._seen) >= self.cap:
                return OTHER
            self._seen.add(name)
            return name


_operation_names = _OperationNames(OPERATION_NAME_CAP)


def operation_label(name: str | None) -> str:
    """A client's operation name as a label: itself while well-formed and among the first
    OPERATION_NAME_CAP distinct names, "anonymous" without a name, else "other"."""
    return _operation_names.label(name)


_registered: dict[str, Collector] = {}


def register_collector(name: str, collector: Collector) -> None:
    """Adds a scrape-time collector once per process (the API, the worker and the tests all
    assemble the hub, some of them repeatedly)."""
    if name in _registered:
        return
    REGISTRY.register(collector)
    _registered[name] = collector


def exposition() -> tuple[bytes, str]:
    """Every family in the text format, and its content type. Collectors may block briefly (the
    queue depth asks Redis): call it from a thread in async code."""
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


def serve_metrics(host: str, port: int) -> None:
    """`GET /metrics` (any path, in fact) on a daemon thread: for `hub worker`, which has no
    web server of its own."""
    start_http_server(port, addr=host, registry=REGISTRY)
