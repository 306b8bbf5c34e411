"""What a webhook carries: the event in the shape of the GraphQL `CaseEvent` type (same ids,
same `DateTime` rendering) plus the delivery's id, as compact JSON."""

from __future__ import annotations

import json

from hub.clock import to_local
from hub.models import CaseEvent


def event_document(event: CaseEvent, case_no: str, delivery_id: object) -> dict:
    return {
        "id": str(event.id),
        "type": event.type,
        "caseId": str(event.case_id),
        "caseNo": case_no,
        "utility": str(event.utility) if event.utility else None,
        "at": to_local(event.at).isoformat(),
        "actor": event.actor,
        "role": event.role,
        "onBehalf": event.on_behalf,
        "data": event.data,
        "deliveryId": str(delivery_id),
    }


def event_body(event: CaseEvent, case_no: str, delivery_id: object) -> bytes:
    document = event_document(event, case_no, delivery_id)
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
