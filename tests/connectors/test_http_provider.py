"""The REST licence provider against a fake licence service on a real loopback socket: mapping,
retries (transient failures only), the request id, timeouts, the circuit breaker, clear errors.

Backoff sleeps go to a recorder and the breaker reads a fake clock: the only real waiting is the
fake service's own slow answers (0.6 s timeouts)."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import AsyncIterator, Iterator
from datetime import date
from types import SimpleNamespace

import pytest

from hub.connectors.base import LicenceNotFound, LicenceServiceUnavailable
from hub.connectors.breaker import BreakerState
from hub.connectors.http import (
    DEFAULT_FIELD_MAPS,
    HttpLicenceConfig,
    HttpLicenceProvider,
    LicenceRequestRejected,
)
from hub.enums import LicenceKind
from tests.connectors.fake_licence_service import (
    FAKE_PDF,
    SLOW_SECONDS,
    FakeLicenceService,
    RunningService,
)

ID, BL, PT = LicenceKind.ID_CARD, LicenceKind.BUSINESS_LICENCE, LicenceKind.PROPERTY_TITLE
ID_NO, USCC, TITLE_NO = (
    "440203199001011231",
    "91440200MA4W123458",
    "粤(2024)韶关市不动产权第0012345号",
)
TIMEOUT = 0.6  # a good answer comes well within it even on a loaded 2-core machine


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class Harness:
    """Providers on the fake service, with recorded backoff sleeps and a fake breaker clock."""

    def __init__(self, service: FakeLicenceService) -> None:
        self.service = service
        self.clock = FakeClock()
        self.sleeps: list[float] = []
        self.providers: list[HttpLicenceProvider] = []

    async def _sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    def provider(self, **overrides: object) -> HttpLicenceProvider:
        options: dict = {
            "base_url": self.service.base_url,
            "api_key": "test-key",
            "timeout": TIMEOUT,
            "retries": 2,
            "backoff_initial": 0.05,
            "backoff_max": 1.0,
            "failure_threshold": 3,
            "reset_timeout": 30.0,
        }
        provider = HttpLicenceProvider(
            HttpLicenceConfig(**(options | overrides)),
            monotonic=self.clock,
            sleep=self._sleep,
            today=lambda: date(2025, 6, 1),
        )
        self.providers.append(provider)
        return provider


@pytest.fixture(scope="module")
def running_service() -> Iterator[FakeLicenceService]:
    with RunningService() as service:
        yield service


@pytest.fixture
async def harness(running_service: FakeLicenceService) -> AsyncIterator[Harness]:
    running_service.reset()
    harness = Harness(running_service)
    try:
        yield harness
    finally:
        for provider in harness.providers:
            await provider.aclose()


# --- answers and mapping ---------------------------------------------------------------------


async def test_a_good_answer_becomes_a_record(harness: Harness) -> None:
    record = await harness.provider().fetch(BL, USCC, request_id="req-ok-1")
    assert (record.kind, record.number, record.holder_name) == (BL, USCC, "韶关市某某建设有限公司")
    assert (record.status, record.valid_until, record.holder_uscc) == ("VALID", None, USCC)
    assert record.issuer == "韶关市武江区市场监督管理局"  # the service's own
    assert record.details == {"legal_representative": "张三", "address": "韶关市武江区..."}
    assert record.request_id == "req-ok-1"
    assert record.file_pdf.startswith(b"%PDF")  # no file from the service: a data sheet
    [seen] = harness.service.requests
    assert seen.path == f"/business-licences/{USCC}"
    assert seen.headers["x-request-id"] == "req-ok-1"
    assert seen.headers["x-api-key"] == "test-key"
    assert harness.sleeps == []


async def test_each_kind_has_its_path_and_the_number_is_url_quoted(harness: Harness) -> None:
    provider = harness.provider(api_key_header="Authorization-Key")
    person = await provider.fetch(ID, ID_NO, request_id="r1")
    title = await provider.fetch(PT, TITLE_NO, request_id="r2")
    assert (person.holder_name, person.valid_until, person.issuer) == (
        "张三",
        date(2035, 1, 1),
        "韶关市公安局",  # the usual issuer when the service names none
    )
    assert (title.holder_uscc, title.details["area_m2"]) == (USCC, 1200.5)
    assert [r.path for r in harness.service.requests] == [
        f"/id-cards/{ID_NO}",
        f"/property-titles/{TITLE_NO}",
    ]
    assert all(r.headers["authorization-key"] == "test-key" for r in harness.service.requests)


async def test_a_configured_field_mapping_reads_nested_json(harness: Harness) -> None:
    harness.service.default = "nested"
    maps = {
        kind: {f"data.licence.{path}": target for path, target in fields.items()}
        for kind, fields in DEFAULT_FIELD_MAPS.items()
    }
    record = await harness.provider(field_maps=maps).fetch(PT, TITLE_NO, request_id="r")
    assert (record.number, record.holder_name, record.holder_uscc) == (
        TITLE_NO,
        "韶关市某某建设有限公司",
        USCC,
    )
    assert record.details == {"address": "韶关市武江区...", "area_m2": 1200.5}


async def test_the_licence_file_comes_from_the_configured_field(harness: Harness) -> None:
    harness.service.will("with-file", "bad-file")
    provider = harness.provider(file_field="file")
    record = await provider.fetch(ID, ID_NO, request_id="r")
    assert record.file_pdf == FAKE_PDF
    with pytest.raises(
        LicenceServiceUnavailable, match=r"malformed response.*'file' is not a base64"
    ):
        await provider.fetch(ID, ID_NO, request_id="r")


async def test_a_past_end_date_means_expired(harness: Harness) -> None:
    provider = harness.provider()
    provider._today = lambda: date(2035, 1, 2)
    assert (await provider.fetch(ID, ID_NO, request_id="r")).status == "EXPIRED"


# --- retries: transient failures only, one request id ----------------------------------------


@pytest.mark.parametrize("status", ["500", "502", "503", "504"])
async def test_transient_statuses_are_retried_with_backoff(harness: Harness, status: str) -> None:
    harness.service.will(status, status)
    record = await harness.provider().fetch(ID, ID_NO, request_id="req-retry")
    assert record.holder_name == "张三"
    assert harness.service.request_count == 3
    assert {r.headers["x-request-id"] for r in harness.service.requests} == {"req-retry"}
    first, second = harness.sleeps  # exponential (0.05, 0.1) plus up to 0.05 of jitter
    assert 0.05 <= first <= 0.1 and 0.1 <= second <= 0.15


async def test_retries_run_out_with_a_clear_error(harness: Harness) -> None:
    harness.service.default = "503"
    with pytest.raises(LicenceServiceUnavailable) as caught:
        await harness.provider().fetch(ID, ID_NO, request_id="req-down")
    message = str(caught.value)
    assert "unavailable after 3 attempts" in message
    assert "last: HTTP 503" in message and "req-down" in message
    assert harness.service.request_count == 3


async def test_a_slow_answer_times_out_and_the_retry_succeeds(harness: Harness) -> None:
    harness.service.will("slow")
    started = time.monotonic()
    record = await harness.provider().fetch(ID, ID_NO, request_id="req-slow")
    assert record.holder_name == "张三"
    assert TIMEOUT <= time.monotonic() - started < SLOW_SECONDS  # gave up on the slow one
    assert harness.service.request_count == 2
    assert [r.headers["x-request-id"] for r in harness.service.requests] == ["req-slow"] * 2


async def test_always_too_slow_says_so(harness: Harness) -> None:
    harness.service.default = "slow"
    expected = r"after 2 attempts \(last: no answer within 0\.6 s \(ReadTimeout\)\)"
    with pytest.raises(LicenceServiceUnavailable, match=expected):
        await harness.provider(retries=1).fetch(ID, ID_NO, request_id="r")
    assert harness.service.request_count == 2


async def test_a_dropped_connection_is_retried(harness: Harness) -> None:
    harness.service.will("drop")
    assert (await harness.provider().fetch(ID, ID_NO, request_id="r")).holder_name == "张三"
    assert harness.service.request_count == 2
    harness.service.default = "drop"
    with pytest.raises(LicenceServiceUnavailable, match="connection failed: RemoteProtocolError"):
        await harness.provider().fetch(ID, ID_NO, request_id="r")


async def test_a_refused_connection_is_retried_then_reported() -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    sleeps: list[float] = []

    async def record_sleep(seconds: float) -> None:
        sleeps.append(seconds)

    provider = HttpLicenceProvider(
        HttpLicenceConfig(base_url=f"http://127.0.0.1:{port}", timeout=TIMEOUT), sleep=record_sleep
    )
    try:
        with pytest.raises(LicenceServiceUnavailable, match=r"after 3 attempts.*ConnectError"):
            await provider.fetch(ID, ID_NO, request_id="r")
    finally:
        await provider.aclose()
    assert len(sleeps) == 2


async def test_not_found_is_not_retried(harness: Harness) -> None:
    provider = harness.provider()
    with pytest.raises(LicenceNotFound, match="no ID_CARD numbered '440203199001011230'"):
        await provider.fetch(ID, "440203199001011230", request_id="r")
    assert harness.service.request_count == 1 and harness.sleeps == []


@pytest.mark.parametrize(
    ("status", "hint"), [("400", "HTTP 400 Bad Request"), ("401", "check the API key")]
)
async def test_other_client_errors_are_not_retried(harness: Harness, status, hint) -> None:
    harness.service.will(status)
    with pytest.raises(LicenceRequestRejected, match="refused the request") as caught:
        await harness.provider().fetch(ID, ID_NO, request_id="req-4xx")
    assert isinstance(caught.value, LicenceServiceUnavailable)
    assert hint in str(caught.value) and "req-4xx" in str(caught.value)
    assert harness.service.request_count == 1 and harness.sleeps == []


@pytest.mark.parametrize(
    ("behaviour", "detail"),
    [
        ("malformed", "not JSON"),
        ("list", "expected a JSON object, got list"),
        ("bad-status", "status 'ACTIVE' is not one of VALID, REVOKED, EXPIRED"),
    ],
)
async def test_malformed_answers_are_not_retried(harness: Harness, behaviour, detail) -> None:
    harness.service.will(behaviour)
    with pytest.raises(LicenceServiceUnavailable, match="malformed response") as caught:
        await harness.provider().fetch(ID, ID_NO, request_id="r")
    assert detail in str(caught.value)
    assert harness.service.request_count == 1


async def test_a_missing_required_field_is_malformed(harness: Harness) -> None:
    maps = dict(DEFAULT_FIELD_MAPS) | {ID: {"nowhere": "holder_name", "status": "status"}}
    with pytest.raises(
        LicenceServiceUnavailable,
        match=r"malformed response.*: missing holder_name \(JSON 'nowhere'\)",
    ):
        await harness.provider(field_maps=maps).fetch(ID, ID_NO, request_id="r")


# --- the circuit breaker ---------------------------------------------------------------------


async def test_the_breaker_opens_fails_fast_and_closes_on_a_good_probe(harness: Harness) -> None:
    harness.service.default = "500"
    provider = harness.provider(retries=0)
    for _ in range(3):
        with pytest.raises(LicenceServiceUnavailable, match="after 1 attempt "):
            await provider.fetch(ID, ID_NO, request_id="r")
    assert provider.breaker.state is BreakerState.OPEN
    assert harness.service.request_count == 3

    with pytest.raises(LicenceServiceUnavailable) as caught:
        await provider.fetch(ID, ID_NO, request_id="req-fast")
    message = str(caught.value)
    assert "circuit open" in message and "next probe in 30.0 s" in message
    assert "after 3 consecutive failed calls" in message and "req-fast" in message
    harness.clock.advance(29.5)
    with pytest.raises(LicenceServiceUnavailable, match=r"circuit open.*next probe in 0\.5 s"):
        await provider.fetch(ID, ID_NO, request_id="r")
    assert harness.service.request_count == 3  # failing fast: the service saw nothing

    harness.clock.advance(1)
    assert provider.breaker.state is BreakerState.HALF_OPEN
    harness.service.default = "ok"
    assert (await provider.fetch(ID, ID_NO, request_id="probe")).holder_name == "张三"
    assert provider.breaker.state is BreakerState.CLOSED
    await provider.fetch(ID, ID_NO, request_id="after")
    assert harness.service.request_count == 5


async def test_a_bad_probe_opens_the_breaker_again(harness: Harness) -> None:
    harness.service.default = "503"
    provider = harness.provider(retries=0, failure_threshold=2)
    for _ in range(2):
        with pytest.raises(LicenceServiceUnavailable, match="HTTP 503"):
            await provider.fetch(ID, ID_NO, request_id="r")
    harness.clock.advance(30)
    with pytest.raises(LicenceServiceUnavailable, match="HTTP 503"):  # the probe, and it fails
        await provider.fetch(ID, ID_NO, request_id="probe")
    assert provider.breaker.state is BreakerState.OPEN
    assert harness.service.request_count == 3
    with pytest.raises(LicenceServiceUnavailable, match="circuit open"):
        await provider.fetch(ID, ID_NO, request_id="r")
    assert harness.service.request_count == 3

    harness.clock.advance(30)
    harness.service.default = "ok"
    await provider.fetch(ID, ID_NO, request_id="probe-2")
    assert provider.breaker.state is BreakerState.CLOSED


async def test_one_probe_at_a_time_while_half_open(harness: Harness) -> None:
    harness.service.will("500", "delay")
    provider = harness.provider(retries=0, failure_threshold=1)
    with pytest.raises(LicenceServiceUnavailable):
        await provider.fetch(ID, ID_NO, request_id="r")
    harness.clock.advance(30)
    probe, other = await asyncio.gather(
        provider.fetch(ID, ID_NO, request_id="probe"),
        provider.fetch(ID, ID_NO, request_id="other"),
        return_exceptions=True,
    )
    assert probe.holder_name == "张三"
    assert isinstance(other, LicenceServiceUnavailable)
    assert "a probe call is already in flight" in str(other)
    assert harness.service.request_count == 2


async def test_a_call_with_its_retries_counts_once(harness: Harness) -> None:
    harness.service.default = "500"
    provider = harness.provider(retries=2, failure_threshold=2)
    with pytest.raises(LicenceServiceUnavailable):
        await provider.fetch(ID, ID_NO, request_id="r")
    assert provider.breaker.state is BreakerState.CLOSED
    assert provider.breaker.consecutive_failures == 1
    with pytest.raises(LicenceServiceUnavailable):
        await provider.fetch(ID, ID_NO, request_id="r")
    assert provider.breaker.state is BreakerState.OPEN
    assert harness.service.request_count == 6


async def test_answers_from_a_live_service_do_not_open_the_breaker(harness: Harness) -> None:
    provider = harness.provider(failure_threshold=2)
    harness.service.will("500", "400", "401")
    for _ in range(2):  # 500 then 400, then 401: refused, but the service is up
        with pytest.raises(LicenceRequestRejected):
            await provider.fetch(ID, ID_NO, request_id="r")
    for _ in range(3):
        with pytest.raises(LicenceNotFound):
            await provider.fetch(ID, "440203199001011230", request_id="r")
    assert provider.breaker.state is BreakerState.CLOSED
    assert provider.breaker.consecutive_failures == 0
    harness.service.will("malformed", "malformed")  # garbage does count
    for _ in range(2):
        with pytest.raises(LicenceServiceUnavailable, match="malformed"):
            await provider.fetch(ID, ID_NO, request_id="r")
    assert provider.breaker.state is BreakerState.OPEN


# --- configuration ---------------------------------------------------------------------------


def test_from_settings_reads_the_hub_licence_http_names() -> None:
    settings = SimpleNamespace(
        licence_http_base_url="https://licences.example.test/api",
        licence_http_api_key="k-123",
        licence_http_timeout=1.5,
    )
    config = HttpLicenceProvider.from_settings(settings).config
    assert (config.base_url, config.api_key, config.timeout) == (
        "https://licences.example.test/api",
        "k-123",
        1.5,
    )
    assert (config.retries, config.failure_threshold, config.reset_timeout) == (2, 5, 30.0)
    assert config.api_key_header == "X-API-Key"
    with pytest.raises(ValueError, match="needs HUB_LICENCE_HTTP_BASE_URL"):
        HttpLicenceProvider.from_settings(SimpleNamespace())


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"base_url": "licences.test"}, "must be http"),
        ({"timeout": 0}, "timeout must be positive"),
        ({"paths": {ID: "/id-cards", BL: "/b/{number}", PT: "/p/{number}"}}, "contain {number}"),
        ({"field_maps": DEFAULT_FIELD_MAPS | {ID: {"n": "name"}}}, "unknown record fields"),
        ({"field_maps": DEFAULT_FIELD_MAPS | {ID: {"n": "number"}}}, "holder_name and status"),
    ],
)
def test_bad_configuration_is_refused(overrides: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        HttpLicenceConfig(**({"base_url": "http://licences.test"} | overrides))
