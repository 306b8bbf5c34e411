"""GraphQL operations and helpers of the webhook tests: endpoints registered, deliveries read."""

from __future__ import annotations

from tests.api import Api
from tests.factories import ADMIN

ENDPOINT_FIELDS = "id utility url eventTypes description enabled secretHint createdBy"
REGISTER = f"""mutation($input: RegisterWebhookInput!) {{
  registerWebhook(input: $input) {{ endpoint {{ {ENDPOINT_FIELDS} }} secret }} }}"""
ENDPOINTS = f"""query($utility: Utility, $enabled: Boolean) {{
  webhookEndpoints(utility: $utility, enabled: $enabled) {{ {ENDPOINT_FIELDS} }} }}"""
UPDATE = f"""mutation($id: ID!, $input: UpdateWebhookInput!) {{
  updateWebhook(id: $id, input: $input) {{ {ENDPOINT_FIELDS} }} }}"""
DISABLE = f"mutation($id: ID!) {{ disableWebhook(id: $id) {{ {ENDPOINT_FIELDS} }} }}"
ROTATE = f"""mutation($id: ID!) {{
  rotateWebhookSecret(id: $id) {{ endpoint {{ {ENDPOINT_FIELDS} }} secret }} }}"""
DELIVERY_FIELDS = """id endpointId status attempts redeliveries lastStatusCode lastError
  lastAttemptAt nextAttemptAt deliveredAt createdAt
  event { id type caseId caseNo utility at actor role onBehalf data }"""
DELIVERIES = f"""query($endpointId: ID, $status: WebhookDeliveryStatus, $first: Int,
                      $after: String) {{
  webhookDeliveries(endpointId: $endpointId, status: $status, first: $first, after: $after) {{
    totalCount edges {{ cursor node {{ {DELIVERY_FIELDS} }} }}
    pageInfo {{ hasNextPage endCursor }} }} }}"""
DELIVERY = f"query($id: ID!) {{ webhookDelivery(id: $id) {{ {DELIVERY_FIELDS} }} }}"
ATTEMPTS = """query($id: ID!) { webhookDeliveryAttempts(deliveryId: $id, first: 100) {
  totalCount edges { node { number at statusCode error durationMs succeeded } } } }"""
REDELIVER = f"""mutation($id: ID!) {{
  redeliverWebhook(deliveryId: $id) {{ {DELIVERY_FIELDS} }} }}"""
CASE_EVENTS = """query($id: ID!) { case(id: $id) {
  events(first: 100) { edges { node { id type caseId caseNo utility at actor role onBehalf data }
  } } } }"""
REVIEW = """mutation($id: ID!, $decision: ReviewDecision!) {
  reviewTicket(ticketId: $id, decision: $decision) { id status } }"""


async def register(
    api: Api, receiver, name: str, utility: str, event_types=(), *, fail_first: int = 0
) -> dict:
    """An endpoint at the receiver's /hooks/<name>, which learns the secret."""
    data = await api.ok(
        REGISTER,
        {"input": {"utility": utility, "url": receiver.url(name), "eventTypes": list(event_types)}},
        ADMIN,
    )
    registration = data["registerWebhook"]
    receiver.expect(name, registration["secret"], fail_first=fail_first)
    return registration["endpoint"]


async def case_events(api: Api, case_id: str) -> list[dict]:
    data = await api.ok(CASE_EVENTS, {"id": case_id}, ADMIN)
    return [edge["node"] for edge in data["case"]["events"]["edges"]]


async def deliveries(api: Api, endpoint_id: str | None = None, **variables) -> list[dict]:
    data = await api.ok(DELIVERIES, {"endpointId": endpoint_id, "first": 100, **variables}, ADMIN)
    return [edge["node"] for edge in data["webhookDeliveries"]["edges"]]


async def attempts(api: Api, delivery_id: str) -> list[dict]:
    data = await api.ok(ATTEMPTS, {"id": delivery_id}, ADMIN)
    return [edge["node"] for edge in data["webhookDeliveryAttempts"]["edges"]]
