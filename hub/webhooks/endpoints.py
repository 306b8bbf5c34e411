"""Admin use cases of webhooks: register, change, disable endpoints, rotate their secrets,
list deliveries and redeliver one by hand. The secret is returned by `register` and `rotate`
only: afterwards admins see its last four characters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from tortoise.expressions import F

from hub import clock
from hub.audit import note_audited_object
from hub.auth.principal import Principal
from hub.auth.visibility import parse_id
from hub.enums import EventType, Role, Utility, WebhookDeliveryStatus
from hub.errors import Conflict, Forbidden, InvalidState, NotFound, ProblemCollector
from hub.models import CaseEvent, WebhookDelivery, WebhookEndpoint
from hub.settings import get_settings
from hub.transactions import after_commit, in_transaction
from hub.webhooks.addresses import refuse_private_address
from hub.webhooks.delivery import enqueue_attempt
from hub.webhooks.dispatch import forget_endpoint_presence
from hub.webhooks.signing import new_secret

MAX_URL_LENGTH = 2000
MAX_DESCRIPTION_LENGTH = 500


@dataclass(frozen=True)
class EndpointChanges:
    """What `update_endpoint` may change; None leaves a field as it is."""

    url: str | None = None
    event_types: list[str] | None = None
    description: str | None = None
    enabled: bool | None = None


def require_admin(principal: Principal) -> None:
    if principal.role != Role.ADMIN:
        raise Forbidden("仅管理员可管理 Webhook (admins only)")


def check_url(url: str, path: str, problems: ProblemCollector) -> None:
    parts = urlsplit(url.strip()) if url else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        problems.add(path, "须为 http 或 https 地址 (an absolute http(s) URL is required)")
    elif len(url) > MAX_URL_LENGTH or any(c.isspace() for c in url.strip()):
        problems.add(path, f"地址无效或超过 {MAX_URL_LENGTH} 个字符 (invalid or too long)")
    elif parts.username or parts.password or parts.fragment:
        problems.add(path, "地址不能含用户名、密码或片段 (no credentials or fragment)")
    else:
        try:
            parts.port  # noqa: B018 - raises for a port out of range
        except ValueError:
            problems.add(path, "端口无效 (invalid port)")


async def check_receiver_address(url: str, path: str, problems: ProblemCollector) -> None:
    """Refused when stored, not only when sent: a URL on the hub's own network never enters.
    (Each delivery checks again: DNS may answer differently later.)"""
    if any(problem.path == path for problem in problems.problems):
        return  # not a usable URL: said already
    refusal = await refuse_private_address(url.strip())
    if refusal:
        problems.add(path, f"接收方须为可解析的公网地址 ({refusal})")


def check_event_types(types: list[str], path: str, problems: ProblemCollector) -> list[str]:
    known = {str(t) for t in EventType}
    for i, name in enumerate(types):
        problems.check(name in known, f"{path}[{i}]", f"未知的事件类型 {name} (unknown type)")
    return sorted(set(types))


def check_description(description: str | None, path: str, problems: ProblemCollector):
    problems.check(
        description is None or len(description) <= MAX_DESCRIPTION_LENGTH,
        path,
        f"不能超过 {MAX_DESCRIPTION_LENGTH} 个字符 (at most {MAX_DESCRIPTION_LENGTH})",
    )


async def register_endpoint(
    *,
    principal: Principal,
    utility: Utility,
    url: str,
    event_types: list[str],
    description: str | None,
) -> tuple[WebhookEndpoint, str]:
    """The new endpoint and its secret (shown this once). It receives the events committed
    after it was registered."""
    require_admin(principal)
    p = ProblemCollector()
    check_url(url, "input.url", p)
    await check_receiver_address(url, "input.url", p)
    types = check_event_types(event_types, "input.eventTypes", p)
    check_description(description, "input.description", p)
    p.raise_if_any()
    secret = new_secret()
    async with in_transaction():
        newest = await CaseEvent.all().order_by("-id").limit(1).values_list("id", flat=True)
        endpoint = await WebhookEndpoint.create(
            utility=utility,
            url=url.strip(),
            event_types=types,
            description=description,
            secret=secret,
            starts_after_event_id=newest[0] if newest else 0,
            created_by=principal.name,
        )
        note_audited_object(subject=f"WebhookEndpoint:{endpoint.id}")
        after_commit(_endpoints_changed, key="webhooks:endpoints")
    return endpoint, secret


async def _endpoints_changed() -> None:
    forget_endpoint_presence()


async def get_endpoint(*, principal: Principal, endpoint_id: str) -> WebhookEndpoint:
    require_admin(principal)
    uid = parse_id(endpoint_id)
    endpoint = await WebhookEndpoint.get_or_none(id=uid) if uid else None
    if endpoint is None:
        raise NotFound(f"Webhook 不存在 (webhook endpoint {endpoint_id} not found)")
    return endpoint


async def list_endpoints(
    *, principal: Principal, utility: Utility | None = None, enabled: bool | None = None
) -> list[WebhookEndpoint]:
    require_admin(principal)
    query = WebhookEndpoint.all()
    if utility is not None:
        query = query.filter(utility=utility)
    if enabled is not None:
        query = query.filter(enabled=enabled)
    return await query.order_by("created_at", "id")


async def update_endpoint(
    *, principal: Principal, endpoint_id: str, changes: EndpointChanges
) -> WebhookEndpoint:
    """Events committed while an endpoint is disabled are not sent to it later."""
    endpoint = await get_endpoint(principal=principal, endpoint_id=endpoint_id)
    p = ProblemCollector()
    values: dict = {}
    if changes.url is not None:
        check_url(changes.url, "input.url", p)
        await check_receiver_address(changes.url, "input.url", p)
        values["url"] = changes.url.strip()
    if changes.event_types is not None:
        values["event_types"] = check_event_types(changes.event_types, "input.eventTypes", p)
    if changes.description is not None:
        check_description(changes.description, "input.description", p)
        values["description"] = changes.description or None
    if changes.enabled is not None:
        values["enabled"] = changes.enabled
    p.raise_if_any()
    if values:
        async with in_transaction(events=False):
            await WebhookEndpoint.filter(id=endpoint.id).update(**values, updated_at=clock.now())
            after_commit(_endpoints_changed, key="webhooks:endpoints")
        await endpoint.refresh_from_db()
    return endpoint


async def disable_endpoint(*, principal: Principal, endpoint_id: str) -> WebhookEndpoint:
    return await update_endpoint(
        principal=principal, endpoint_id=endpoint_id, changes=EndpointChanges(enabled=False)
    )


async def rotate_secret(*, principal: Principal, endpoint_id: str) -> tuple[WebhookEndpoint, str]:
    """A new secret (shown this once); the old one still signs, beside it, for
    HUB_WEBHOOK_SECRET_GRACE_SECONDS so the receiver can switch without losing a request."""
    endpoint = await get_endpoint(principal=principal, endpoint_id=endpoint_id)
    secret, now = new_secret(), clock.now()
    grace = timedelta(seconds=get_settings().webhook_secret_grace_seconds)
    rotated = await WebhookEndpoint.filter(id=endpoint.id, secret=endpoint.secret).update(
        secret=secret,
        previous_secret=endpoint.secret if grace else None,
        previous_secret_until=now + grace if grace else None,
        secret_rotated_at=now,
        updated_at=now,
    )
    if not rotated:  # another rotation won: its secret is the one the receiver must get
        raise Conflict("密钥刚被他人更换，请刷新后重试 (the secret was rotated meanwhile)")
    await endpoint.refresh_from_db()
    return endpoint, secret


async def get_delivery(*, principal: Principal, delivery_id: str) -> WebhookDelivery:
    require_admin(principal)
    uid = parse_id(delivery_id)
    delivery = await WebhookDelivery.get_or_none(id=uid) if uid else None
    if delivery is None:
        raise NotFound(f"投递记录不存在 (webhook delivery {delivery_id} not found)")
    return delivery


async def redeliver(*, principal: Principal, delivery_id: str) -> WebhookDelivery:
    """Sends a delivery again, whatever its status: PENDING, due now, with a fresh round of
    attempts. The receiver sees the same `webhook-id` again (it de-duplicates by it)."""
    delivery = await get_delivery(principal=principal, delivery_id=delivery_id)
    endpoint = await WebhookEndpoint.get(id=delivery.endpoint_id)
    if not endpoint.enabled:
        raise InvalidState("Webhook 已停用，请先启用 (the endpoint is disabled: enable it first)")
    async with in_transaction(events=False):
        await WebhookDelivery.filter(id=delivery.id).update(
            status=WebhookDeliveryStatus.PENDING,
            round_attempts=0,
            redeliveries=F("redeliveries") + 1,
            next_attempt_at=clock.now(),
            delivered_at=None,
            updated_at=clock.now(),
        )
        await delivery.refresh_from_db()
        after_commit(lambda: enqueue_attempt(delivery), key=("webhook", delivery.id))
    return delivery
