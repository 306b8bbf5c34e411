"""What a webhook carries: the event exactly as the GraphQL `CaseEvent` type gives it (one
source, hub.events.payload) plus the delivery's id, as compact JSON."""

from __future__ import annotations

import json

from hub.events.payload import event_payload, json_ready
from hub.models import CaseEvent


def event_document(event: CaseEvent, case_no: str, delivery_id: object) -> dict:
    return {**json_ready(event_payload(event, case_no)), "deliveryId": str(delivery_id)}


def event_body(event: CaseEvent, case_no: str, delivery_id: object) -> bytes:
    document = event_document(event, case_no, delivery_id)
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
