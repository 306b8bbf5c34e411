"""What the log scrubber hides (API.md, "Limits and protection": no ID numbers, phones, tokens
or signed URLs in logs) and what it leaves alone, one row per case."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from hub.auth.tokens import issue_token
from hub.enums import Role
from hub.logs.access import path_without_values
from hub.logs.scrub import scrub, scrub_value
from hub.objectstore.links import signed_download_url, signed_upload_url
from tests.factories import AGENT_ID, ENTERPRISE_A

TOKEN = issue_token(role=Role.WINDOW)
LATER = datetime.now(UTC) + timedelta(minutes=5)
DOWNLOAD = signed_download_url(
    "ab" * 32, LATER, filename="张三身份证.pdf", content_type="application/pdf"
)
UPLOAD = signed_upload_url("0b1d2f", LATER)
PRESIGNED = (
    "http://127.0.0.1:9000/hub/ab/cdef?response-content-disposition=attachment"
    "&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE%2F20261201%2Fus-east-1"
    "&X-Amz-Date=20261201T000000Z&X-Amz-Expires=300&X-Amz-SignedHeaders=host"
    "&X-Amz-Signature=8c0f5d1e2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5"
)

HIDDEN = [
    # (what is logged, what must not be in the line, what the line shows instead)
    (f"agent {AGENT_ID} refused", AGENT_ID, "440203********1231"),
    ("agent 44020319900101123X refused", "44020319900101123X", "440203********123X"),
    ("agent 44020319900101123x", "44020319900101123x", "440203********123x"),
    (f'{{"agentIdNumber":"{AGENT_ID}"}}', AGENT_ID, '"440203********1231"'),
    ("call 13912345678 now", "13912345678", "139****5678"),
    ("call +8613912345678", "13912345678", "+86139****5678"),
    ("call 139-1234-5678", "1234-5678", "139****5678"),
    ("call 139 1234 5678", "1234 5678", "139****5678"),
    ("phone=13912345678&x=1", "13912345678", "phone=139****5678"),
    (f"Authorization: Bearer {TOKEN}", TOKEN, "Authorization: Bearer ***"),
    (f"authorization: bearer {TOKEN}", TOKEN, "bearer ***"),
    ("Bearer opaque-api-key-123", "opaque-api-key-123", "Bearer ***"),
    (f"token {TOKEN} alone", TOKEN.split(".")[2], "token *** alone"),
    ("secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "MfKQ9r8GKYqrTwjUPD8I", "whsec_***"),
    (f"GET {DOWNLOAD}", DOWNLOAD.split("?")[1], "/downloads?key=***&expires=***&filename=***"),
    (f"PUT {UPLOAD} 201", UPLOAD.split("?")[1], "/uploads/0b1d2f?expires=***&signature=***"),
    (PRESIGNED, "8c0f5d1e2a3b", "/hub/ab/cdef?response-content-disposition=***"),
    (PRESIGNED, "AKIAEXAMPLE", "X-Amz-Credential=***"),
    ("https://receiver.example/hook?token=s3cr3t-value", "s3cr3t-value", "?token=***"),
    ("signature=deadbeefcafe in a message", "deadbeefcafe", "signature=*** in a message"),
    ("postgres://hub:pa55word@db:5432/hub down", "pa55word", "postgres://hub:***@db:5432/hub"),
    ("redis://:s3cret@redis:6379/0", "s3cret", "redis://:***@redis:6379/0"),
]

KEPT = [
    f"enterprise {ENTERPRISE_A} (a USCC is no personal data)",
    "object key " + "1" * 64,  # a sha256 in hex, all digits
    "at 1764547200123 ms",  # 13-digit timestamp
    "at 1764547200 s",
    "case SDQ-20261201-0001 version 3",
    "/graphql?foo=bar",  # an address that is not signed keeps its query
    "graphql error",
    "12345678901",  # 11 digits that are no mobile number (no 1[3-9] prefix)
    "mailto:window@hall.example, http://user@host/path",  # no password
    "419123456789012345678",  # 21 digits: not an ID number
]


@pytest.mark.parametrize(("text", "secret", "shown"), HIDDEN)
def test_a_line_never_shows_personal_data_tokens_or_signatures(text, secret, shown):
    scrubbed = scrub(text)
    assert secret not in scrubbed
    assert shown in scrubbed


@pytest.mark.parametrize("text", KEPT)
def test_everything_else_is_left_as_it_is(text):
    assert scrub(text) == text


def test_fields_are_scrubbed_inside_structures_and_numbers_too():
    fields = {
        "phone": 13912345678,
        "nested": {"ids": [AGENT_ID, "ok"], "count": 3, "flag": True, "none": None},
        "pair": ("Bearer abcdef", 1.5),
    }
    assert scrub_value(fields) == {
        "phone": "139****5678",
        "nested": {"ids": ["440203********1231", "ok"], "count": 3, "flag": True, "none": None},
        "pair": ["Bearer ***", 1.5],
    }


@pytest.mark.parametrize(
    ("full_path", "logged"),
    [
        ("/graphql", "/graphql"),
        ("/healthz?", "/healthz?"),
        (
            f"/graphql?query=%7Bx%7D&variables=%7B%22id%22%3A%22{AGENT_ID}%22%7D",
            "/graphql?query=***&variables=***",
        ),
        ("/uploads/u1?expires=1&signature=cd", "/uploads/u1?expires=***&signature=***"),
    ],
)
def test_the_access_log_shows_a_query_strings_names_only(full_path, logged):
    assert path_without_values(full_path) == logged
