"""Nothing the log rules forbid reaches an audit entry's texts: the entries go through the logs'
scrubber (hub/logs/scrub.py), so one set of rules holds for both."""

from __future__ import annotations

from hub.logs.scrub import scrub_value as scrub
from tests.factories import AGENT_ID, WINDOW


def test_id_numbers_phones_tokens_and_signatures_are_cut():
    details = {
        "filename": f"张三{AGENT_ID}身份证-13800000000.pdf",
        "reason": f"Bearer {WINDOW}",
        "urls": ["https://s3.example/hub/k?X-Amz-Signature=abc&X-Amz-Expires=300"],
        "count": 3,
    }
    assert scrub(details) == {
        "filename": "张三440203********1231身份证-138****0000.pdf",
        "reason": "Bearer ***",
        "urls": ["https://s3.example/hub/k?X-Amz-Signature=***&X-Amz-Expires=***"],
        "count": 3,
    }


def test_what_only_looks_alike_is_kept():
    kept = [
        "91440200MA4W123458",
        "SDQ-20261201-0001",
        "2026-440203-47-01-000001",
        "objects/ab/ab13812345678cd440203199001011231ef.pdf",  # a digest, not a phone
    ]
    assert scrub(kept) == kept
