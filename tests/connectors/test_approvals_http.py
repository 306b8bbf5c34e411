"""The REST approval-system provider against a fake 工建系统 on a real loopback socket (the fake
licence service serving approvals): mapping, retries of slow answers, 500s and dropped
connections, malformed JSON, the circuit breaker open, half-open and closed.

Backoff sleeps go to a recorder and the breaker reads a fake clock, as for the licence provider."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import date

import pytest

from hub.connectors.approvals_http import HttpApprovalConfig, HttpApprovalProvider
from hub.connectors.base import LicenceNotFound, LicenceServiceUnavailable
from hub.connectors.breaker import BreakerState
from hub.enums import LicenceKind
from tests.connectors.fake_approval_system import ANSWERS, CODE
from tests.connectors.fake_licence_service import FakeLicenceService, RunningService
from tests.connectors.test_http_provider import TIMEOUT, FakeClock


class Harness:
    def __init__(self, service: FakeLicenceService) -> None:
        self.service = service
        self.clock = FakeClock()
        self.sleeps: list[float] = []
        self.providers: list[HttpApprovalProvider] = []

    async def _sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    def provider(self, **overrides: object) -> HttpApprovalProvider:
        options: dict = {
            "base_url": self.service.base_url,
            "api_key": "approvals-key",
            "timeout": TIMEOUT,
            "retries": 2,
            "backoff_initial": 0.05,
            "failure_threshold": 3,
            "reset_timeout": 30.0,
        }
        provider = HttpApprovalProvider(
            HttpApprovalConfig(**(options | overrides)),
            monotonic=self.clock,
            sleep=self._sleep,
            today=lambda: date(2026, 6, 1),
        )
        self.providers.append(provider)
        return provider


@pytest.fixture(scope="module")
def running_service() -> Iterator[FakeLicenceService]:
    with RunningService(ANSWERS) as service:
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


async def test_a_project_answers_with_its_approvals_and_their_data_sheets(harness) -> None:
    records = await harness.provider().fetch_project(CODE, request_id="req-1")
    assert [r.kind for r in records] == [
        LicenceKind.PROJECT_REGISTRATION,
        LicenceKind.LAND_USE_PLANNING_PERMIT,
        LicenceKind.PLANNING_PERMIT,
        LicenceKind.CONSTRUCTION_PERMIT,
    ]
    permit = records[-1]
    assert permit.number == "440203202604150101" and permit.holder_uscc == "91440200MA4W123458"
    assert permit.issuer == "韶关市住房和城乡建设局" and permit.status == "VALID"
    assert permit.details == {"project_code": CODE, "issued_on": "2026-04-15"}
    assert all(r.file_pdf.startswith(b"%PDF") and r.request_id == "req-1" for r in records)
    [seen] = harness.service.requests
    assert seen.path == f"/projects/{CODE}/approvals"
    assert seen.headers["x-request-id"] == "req-1" and seen.headers["x-api-key"] == "approvals-key"


async def test_an_unknown_project_is_not_found_and_not_retried(harness) -> None:
    provider = harness.provider()
    with pytest.raises(LicenceNotFound, match="no project '2026-440203-47-01-999999'"):
        await provider.fetch_project("2026-440203-47-01-999999", request_id="r")
    assert harness.service.request_count == 1 and provider.breaker.state is BreakerState.CLOSED


@pytest.mark.parametrize("trouble", ["500", "503", "slow", "drop"])
async def test_transient_troubles_are_retried(harness, trouble: str) -> None:
    harness.service.will(trouble, trouble)
    records = await harness.provider().fetch_project(CODE, request_id="r")
    assert len(records) == 4
    assert harness.service.request_count == 3 and len(harness.sleeps) == 2


async def test_retries_run_out_with_a_clear_error(harness) -> None:
    harness.service.default = "500"
    with pytest.raises(
        LicenceServiceUnavailable,
        match=r"approval system http://127\.0\.0\.1:\d+ unavailable after 3 attempts "
        r"\(last: HTTP 500\) \[request req-x\]",
    ):
        await harness.provider().fetch_project(CODE, request_id="req-x")


@pytest.mark.parametrize(
    ("path_code", "behaviour", "detail"),
    [
        (CODE, "malformed", "not JSON"),
        (CODE, "list", "Input should be a valid dictionary"),
        ("2026-440203-47-01-000002", "ok", "approvals of other projects"),
        ("2026-440203-47-01-000003", "ok", r"approvals\[0\]\.project_code: Field required"),
    ],
)
async def test_malformed_answers_are_unavailable_and_not_retried(
    harness, path_code: str, behaviour: str, detail: str
) -> None:
    harness.service.will(behaviour)
    with pytest.raises(
        LicenceServiceUnavailable, match=f"malformed response from approval.*{detail}"
    ):
        await harness.provider().fetch_project(path_code, request_id="r")
    assert harness.service.request_count == 1


async def test_the_breaker_opens_half_opens_and_closes(harness) -> None:
    harness.service.default = "502"
    provider = harness.provider(retries=0)
    for _ in range(3):
        with pytest.raises(LicenceServiceUnavailable, match="HTTP 502"):
            await provider.fetch_project(CODE, request_id="r")
    assert provider.breaker.state is BreakerState.OPEN
    with pytest.raises(LicenceServiceUnavailable, match="circuit open for approval system"):
        await provider.fetch_project(CODE, request_id="r")
    assert harness.service.request_count == 3  # failing fast: the service saw nothing

    harness.clock.advance(30)
    assert provider.breaker.state is BreakerState.HALF_OPEN
    with pytest.raises(LicenceServiceUnavailable, match="HTTP 502"):  # a bad probe: open again
        await provider.fetch_project(CODE, request_id="probe")
    assert provider.breaker.state is BreakerState.OPEN

    harness.clock.advance(30)
    harness.service.default = "ok"
    assert len(await provider.fetch_project(CODE, request_id="probe-2")) == 4
    assert provider.breaker.state is BreakerState.CLOSED
    assert harness.service.request_count == 5


def test_bad_configuration_is_refused() -> None:
    with pytest.raises(ValueError, match="must be http"):
        HttpApprovalConfig(base_url="ftp://x")
    with pytest.raises(ValueError, match="must contain \\{project_code\\}"):
        HttpApprovalConfig(base_url="http://x", path="/projects")
