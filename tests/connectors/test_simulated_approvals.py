"""The simulated approval system (工建系统): its registry file (API.md, "Project approvals")
validated with errors naming the entry, a project's approvals with their PDF files, the status
as it stands today, and the choice of provider by HUB_APPROVALS_*."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from hub.connectors import get_approval_provider
from hub.connectors.approvals_http import HttpApprovalProvider
from hub.connectors.base import LicenceNotFound, LicenceServiceUnavailable
from hub.connectors.registry import RegistryError
from hub.connectors.simulated_approvals import DEMO_APPROVALS, SimulatedApprovalProvider
from hub.enums import LicenceKind
from hub.settings import SettingsError, get_settings

CODE = "2026-440203-44-01-000123"
API_EXAMPLE = {  # API.md's example entry
    "approvals": [
        {
            "project_code": CODE,
            "kind": "CONSTRUCTION_PERMIT",
            "number": "440203202601150101",
            "holder_uscc": "91440200MA4W123458",
            "holder_name": "韶关市某某建设有限公司",
            "issuer": "韶关市住房和城乡建设局",
            "issued_on": "2026-01-15",
            "valid_until": None,
            "status": "VALID",
        }
    ]
}


def write(tmp_path: Path, content: object) -> Path:
    path = tmp_path / "approvals.json"
    text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


def entry(**fields) -> dict:
    return {**API_EXAMPLE["approvals"][0], **fields}


async def test_the_api_example_gives_the_permit_with_its_pdf(tmp_path: Path) -> None:
    provider = SimulatedApprovalProvider(write(tmp_path, API_EXAMPLE))
    [permit] = await provider.fetch_project(f" {CODE} ", request_id="req-7")
    assert permit.kind is LicenceKind.CONSTRUCTION_PERMIT and permit.status == "VALID"
    assert permit.details == {"project_code": CODE, "issued_on": "2026-01-15"}
    text = PdfReader(io.BytesIO(permit.file_pdf)).pages[0].extract_text()
    for shown in ("440203202601150101", "建设单位", CODE, "req-7", "仅供演示"):
        assert shown in text


async def test_an_unknown_project_is_not_found(tmp_path: Path) -> None:
    provider = SimulatedApprovalProvider(write(tmp_path, API_EXAMPLE))
    with pytest.raises(LicenceNotFound, match="2026-440203-44-01-000999"):
        await provider.fetch_project("2026-440203-44-01-000999", request_id="r")


async def test_a_past_end_date_means_expired(tmp_path: Path) -> None:
    path = write(tmp_path, {"approvals": [entry(valid_until="2026-03-01")]})
    provider = SimulatedApprovalProvider(path, today=lambda: date(2026, 3, 2))
    [permit] = await provider.fetch_project(CODE, request_id="r")
    assert permit.status == "EXPIRED"


async def test_the_demo_registry_holds_the_walkthrough_project_and_a_revoked_permit() -> None:
    provider = SimulatedApprovalProvider()
    walkthrough = await provider.fetch_project("2026-440203-47-01-000001", request_id="r")
    assert {r.kind for r in walkthrough} == set(LicenceKind) - {
        LicenceKind.ID_CARD,
        LicenceKind.BUSINESS_LICENCE,
        LicenceKind.PROPERTY_TITLE,
    }
    assert {r.holder_uscc for r in walkthrough} == {"91440200MA4W123458"}
    revoked = await provider.fetch_project("2026-440204-44-01-000123", request_id="r")
    assert {r.kind: r.status for r in revoked}[LicenceKind.CONSTRUCTION_PERMIT] == "REVOKED"


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("{not json", "Invalid JSON"),
        ({"licences": []}, "approvals: Field required"),
        ({"approvals": [entry(project_code="2026-4402-1")]}, "approvals[0].project_code: not a national project code"),  # noqa: E501
        ({"approvals": [entry(kind="SITE_PLAN")]}, "approvals[0].kind: Input should be"),
        ({"approvals": [entry(holder_uscc="91440200MA4W123450")]}, "approvals[0].holder_uscc: not a valid unified social credit code"),  # noqa: E501
        ({"approvals": [entry(number=" ")]}, "approvals[0].number: must not be blank"),
        ({"approvals": [entry(status="ACTIVE")]}, "approvals[0].status: Input should be"),
        ({"approvals": [entry(), entry(number="2")]}, f"approvals[1] ({CODE}): the project already has a CONSTRUCTION_PERMIT"),  # noqa: E501
    ],
)  # fmt: skip
def test_a_broken_registry_is_refused_at_start_naming_the_entry(tmp_path, content, says) -> None:
    with pytest.raises(RegistryError) as caught:
        SimulatedApprovalProvider(write(tmp_path, content))
    assert says in str(caught.value) and "approval registry" in str(caught.value)


async def test_a_registry_broken_later_makes_the_system_unavailable(tmp_path: Path) -> None:
    path = write(tmp_path, API_EXAMPLE)
    provider = SimulatedApprovalProvider(path)
    write(tmp_path, {"approvals": "none"})
    with pytest.raises(LicenceServiceUnavailable, match="approval registry"):
        await provider.fetch_project(CODE, request_id="r")


# --- choosing the provider -------------------------------------------------------------------


@pytest.fixture
def fresh_settings(monkeypatch: pytest.MonkeyPatch):
    get_settings.cache_clear()
    get_approval_provider.cache_clear()
    yield monkeypatch
    monkeypatch.undo()
    get_settings.cache_clear()
    get_approval_provider.cache_clear()


def test_the_default_provider_is_the_demo_registry(fresh_settings) -> None:
    fresh_settings.delenv("HUB_APPROVALS_PROVIDER", raising=False)
    fresh_settings.delenv("HUB_APPROVALS_REGISTRY", raising=False)
    chosen = get_approval_provider()
    assert isinstance(chosen, SimulatedApprovalProvider)
    assert chosen.registry_path == DEMO_APPROVALS and get_approval_provider() is chosen


def test_the_settings_choose_the_registry_or_the_rest_system(fresh_settings, tmp_path) -> None:
    path = write(tmp_path, API_EXAMPLE)
    fresh_settings.setenv("HUB_APPROVALS_REGISTRY", str(path))
    assert get_approval_provider().registry_path == path
    get_settings.cache_clear()
    get_approval_provider.cache_clear()
    fresh_settings.setenv("HUB_APPROVALS_PROVIDER", "http")
    fresh_settings.setenv("HUB_APPROVALS_HTTP_BASE_URL", "https://gjxt.example/api")
    fresh_settings.setenv("HUB_APPROVALS_HTTP_API_KEY", "k")
    fresh_settings.setenv("HUB_APPROVALS_HTTP_TIMEOUT", "1.5")
    fresh_settings.setenv("HUB_APPROVALS_HTTP_BREAKER_THRESHOLD", "7")
    chosen = get_approval_provider()
    assert isinstance(chosen, HttpApprovalProvider)
    assert chosen.config.base_url == "https://gjxt.example/api" and chosen.config.api_key == "k"
    assert chosen.config.timeout == 1.5 and chosen.breaker.failure_threshold == 7


def test_http_without_a_base_url_is_a_clear_error(fresh_settings) -> None:
    fresh_settings.setenv("HUB_APPROVALS_PROVIDER", "http")
    fresh_settings.delenv("HUB_APPROVALS_HTTP_BASE_URL", raising=False)
    with pytest.raises(SettingsError, match=r"HUB_APPROVALS_PROVIDER: .*needs HUB_APPROVALS_HTTP"):
        get_approval_provider()
