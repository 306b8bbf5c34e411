"""The simulated e-licence service: the registry file of API.md, statuses, the PDF, selection."""

from __future__ import annotations

import hashlib
import io
import json
import os
from datetime import date, datetime
from pathlib import Path

import pytest
import time_machine
from pypdf import PdfReader

from hub.connectors import get_licence_provider
from hub.connectors.base import LicenceNotFound, LicenceServiceUnavailable
from hub.connectors.issuers import usual_issuer
from hub.connectors.registry import RegistryError, load_registry
from hub.connectors.simulated import DEMO_REGISTRY, SimulatedLicenceProvider
from hub.enums import LicenceKind
from hub.settings import SettingsError, get_settings
from hub.validation.identifiers import is_valid_resident_id, is_valid_uscc

ID, BL, PT = LicenceKind.ID_CARD, LicenceKind.BUSINESS_LICENCE, LicenceKind.PROPERTY_TITLE
TODAY = date(2025, 6, 1)

# API.md, section "Simulated e-licence registry (JSON)", verbatim.
API_EXAMPLE = """{
  "id_cards": [{"number": "440203199001011231", "name": "张三", "valid_until": "2035-01-01", "status": "VALID"}],
  "business_licences": [{"uscc": "91440200MA4W123458", "name": "韶关市某某建设有限公司",
      "legal_representative": "张三", "address": "韶关市武江区...", "valid_until": null, "status": "VALID"}],
  "property_titles": [{"number": "粤(2024)韶关市不动产权第0012345号", "holder_uscc": "91440200MA4W123458",
      "holder_name": "韶关市某某建设有限公司", "address": "韶关市武江区...", "area_m2": 1200.5, "status": "VALID"}]
}
"""  # noqa: E501
GOOD_BL = {"uscc": "91440200MA4W123458", "name": "某公司", "status": "VALID"}


def write(tmp_path: Path, content: object, name: str = "registry.json") -> Path:
    path = tmp_path / name
    text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


def provider(path: Path | None = None, today: date = TODAY) -> SimulatedLicenceProvider:
    return SimulatedLicenceProvider(path, today=lambda: today)


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


# --- the registry file -----------------------------------------------------------------------


async def test_the_api_example_file_reads_verbatim(tmp_path: Path) -> None:
    sim = provider(write(tmp_path, API_EXAMPLE))
    person = await sim.fetch(ID, "440203199001011231", request_id="r")
    assert (person.holder_name, person.status, person.valid_until) == (
        "张三",
        "VALID",
        date(2035, 1, 1),
    )
    assert (person.issuer, person.holder_uscc, person.details) == ("韶关市公安局", None, {})
    licence = await sim.fetch(BL, "91440200MA4W123458", request_id="r")
    assert (licence.holder_name, licence.holder_uscc, licence.valid_until) == (
        "韶关市某某建设有限公司",
        "91440200MA4W123458",
        None,
    )
    assert licence.issuer == "韶关市市场监督管理局"
    assert licence.details == {"legal_representative": "张三", "address": "韶关市武江区..."}
    title = await sim.fetch(PT, "粤(2024)韶关市不动产权第0012345号", request_id="r")
    assert (title.holder_name, title.holder_uscc, title.issuer) == (
        "韶关市某某建设有限公司",
        "91440200MA4W123458",
        "韶关市自然资源局",
    )
    assert title.details == {"address": "韶关市武江区...", "area_m2": 1200.5}


async def test_the_demo_registry_holds_the_demo_enterprises_and_fixtures() -> None:
    registry = load_registry(DEMO_REGISTRY)
    sim = provider()
    for uscc, name, contact, id_number, title_number in [
        (
            "91440200MA4W123458",
            "韶关市某某建设有限公司",
            "张三",
            "440203199001011231",
            "粤(2024)韶关市不动产权第0012345号",
        ),
        (
            "91440200MA5120001G",
            "韶关市丹霞新材料科技有限公司",
            "王五",
            "440204198503151236",
            "粤(2024)韶关市不动产权第0020001号",
        ),
        (
            "91440200MA5120002K",
            "韶关市芙蓉置业有限公司",
            "赵六",
            "440232199207082344",
            "粤(2025)韶关市不动产权第0020002号",
        ),
    ]:
        licence = await sim.fetch(BL, uscc, request_id="r")
        assert (licence.holder_name, licence.status) == (name, "VALID")
        person = await sim.fetch(ID, id_number, request_id="r")
        assert (person.holder_name, person.status) == (contact, "VALID")
        assert is_valid_resident_id(id_number)
        title = await sim.fetch(PT, title_number, request_id="r")
        assert (title.holder_uscc, title.holder_name, title.status) == (uscc, name, "VALID")
    assert (await sim.fetch(BL, "91440200MA5120003N", request_id="r")).status == "REVOKED"
    assert (await sim.fetch(BL, "91440200MA5120004R", request_id="r")).status == "EXPIRED"
    assert (await sim.fetch(ID, "440205197809214561", request_id="r")).holder_name == "王小五"
    other = await sim.fetch(PT, "粤(2023)韶关市不动产权第0029999号", request_id="r")
    assert other.holder_uscc == "91440200MA5120005W"
    assert is_valid_uscc(other.holder_uscc)
    assert len(registry.records[ID]) == 5 and len(registry.records[BL]) == 6


async def test_a_valid_licence_past_its_end_date_is_expired(tmp_path: Path) -> None:
    path = write(tmp_path, API_EXAMPLE)
    number = "440203199001011231"
    assert (await provider(path, date(2035, 1, 1)).fetch(ID, number, request_id="r")).status == (
        "VALID"
    )  # valid through its last day
    assert (await provider(path, date(2035, 1, 2)).fetch(ID, number, request_id="r")).status == (
        "EXPIRED"
    )
    demo_expired = "440202198811113570"  # VALID in the demo registry, ended 2020-11-11
    assert (await provider().fetch(ID, demo_expired, request_id="r")).status == "EXPIRED"
    old = await provider(None, date(2019, 1, 1)).fetch(ID, demo_expired, request_id="r")
    assert old.status == "VALID"
    revoked = await provider(None, date(2000, 1, 1)).fetch(BL, "91440200MA5120003N", request_id="r")
    assert revoked.status == "REVOKED"


async def test_an_unknown_number_is_not_found() -> None:
    sim = provider()
    with pytest.raises(LicenceNotFound, match="no ID_CARD numbered '440203199001011230'"):
        await sim.fetch(ID, "440203199001011230", request_id="r")
    with pytest.raises(LicenceNotFound):  # a USCC is no ID card number
        await sim.fetch(ID, "91440200MA4W123458", request_id="r")


async def test_numbers_match_as_people_type_them() -> None:
    sim = provider()
    record = await sim.fetch(PT, " 粤（2024）韶关市不动产权第0012345号", request_id="r")
    assert record.number == "粤(2024)韶关市不动产权第0012345号"
    assert (await sim.fetch(BL, "91440200ma4w123458 ", request_id="r")).number == (
        "91440200MA4W123458"
    )


async def test_issuer_and_extra_fields_of_an_entry(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        {
            "id_cards": [
                {"number": "110101199003070011", "name": "钱一", "status": "VALID"},
                {
                    "number": "440106198001010019",
                    "name": "孙二",
                    "status": "VALID",
                    "issuer": "广州市公安局天河分局",
                    "sex": "男",
                },
            ],
            "property_titles": [
                {"number": "T-1", "holder_name": "李四", "status": "VALID", "usage": "工业"}
            ],
        },
    )
    sim = provider(path)
    assert (await sim.fetch(ID, "110101199003070011", request_id="r")).issuer == "北京市公安机关"
    sun = await sim.fetch(ID, "440106198001010019", request_id="r")
    assert (sun.issuer, sun.details) == ("广州市公安局天河分局", {"sex": "男"})
    title = await sim.fetch(PT, "T-1", request_id="r")
    assert (title.holder_uscc, title.details) == (None, {"usage": "工业"})
    assert "usage：\n工业" in pdf_text(title.file_pdf)
    assert usual_issuer(ID, "440203199001011231") == "韶关市公安局"
    assert usual_issuer(ID, "440106198001010019") == "广州市公安局"
    assert usual_issuer(ID, "990000199001010000") == "公安机关"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{\n  \"id_cards\": [\n", "Invalid JSON: .* line 3"),
        ("[]", "Input should be an object"),
        ({"business_licenses": []}, "business_licenses: unknown section"),
        ({"business_licences": [GOOD_BL, {**GOOD_BL, "uscc": "91440200MA5120001G", "status": "ACTIVE"}]},  # noqa: E501
         r"business_licences\[1\] \(91440200MA5120001G\)\.status: Input should be 'VALID', 'REVOKED' or 'EXPIRED'"),  # noqa: E501
        ({"business_licences": [{**GOOD_BL, "uscc": "91440200MA4W123459"}]},
         r"business_licences\[0\] \(91440200MA4W123459\)\.uscc: .*not a valid unified social credit code"),  # noqa: E501
        ({"id_cards": [{"number": "440203199001011232", "name": "张三", "status": "VALID"}]},
         r"id_cards\[0\] \(440203199001011232\)\.number: .*not a valid resident ID"),
        ({"id_cards": [{"number": "440203199001011231", "status": "VALID"}]},
         r"id_cards\[0\] \(440203199001011231\)\.name: Field required"),
        ({"id_cards": [{"number": "440203199001011231", "name": " ", "status": "VALID"}]},
         r"id_cards\[0\] \(440203199001011231\)\.name: .*must not be blank"),
        ({"id_cards": [{"number": "440203199001011231", "name": "张三", "status": "VALID", "valid_until": "2035/01/01"}]},  # noqa: E501
         r"id_cards\[0\] \(440203199001011231\)\.valid_until: Input should be a valid date"),
        ({"property_titles": [{"number": "T-1", "holder_name": "某", "status": "VALID", "area_m2": -3}]},  # noqa: E501
         r"property_titles\[0\] \(T-1\)\.area_m2: .*positive"),
        ({"property_titles": [{"number": "T-1", "holder_name": "某", "status": "VALID", "area_m2": "12"}]},  # noqa: E501
         r"property_titles\[0\] \(T-1\)\.area_m2: Input should be a valid number"),
        ({"business_licences": [GOOD_BL, GOOD_BL]},
         r"business_licences\[1\] \(91440200MA4W123458\): uscc is already used"),
    ],
)  # fmt: skip
def test_a_bad_registry_is_refused_naming_the_entry(tmp_path: Path, content, message) -> None:
    path = write(tmp_path, content)
    with pytest.raises(RegistryError, match=message) as caught:
        SimulatedLicenceProvider(path)
    assert str(caught.value).startswith(f"licence registry {path.resolve()}: ")


def test_a_missing_registry_says_so(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match=r"registry.*nowhere\.json: cannot read it"):
        SimulatedLicenceProvider(tmp_path / "nowhere.json")


async def test_the_registry_is_cached_per_path_until_it_changes(tmp_path: Path) -> None:
    path = write(tmp_path, API_EXAMPLE)
    first = load_registry(path)
    assert load_registry(path) is first
    assert load_registry(write(tmp_path, API_EXAMPLE, "other.json")) is not first
    sim = provider(path)
    write(tmp_path, {"id_cards": []})
    os.utime(path, ns=(1, 1))  # a different size and mtime: read again
    with pytest.raises(LicenceNotFound):
        await sim.fetch(ID, "440203199001011231", request_id="r")
    write(tmp_path, "not json")
    with pytest.raises(LicenceServiceUnavailable, match="Invalid JSON"):
        await sim.fetch(ID, "440203199001011231", request_id="r")


# --- the electronic file ---------------------------------------------------------------------


async def test_the_pdf_shows_every_field_and_the_request_id() -> None:
    record = await provider().fetch(PT, "粤(2024)韶关市不动产权第0012345号", request_id="req-7f3a")
    assert record.file_pdf.startswith(b"%PDF-")
    assert b"STSong-Light" in record.file_pdf  # the built-in CID font, nothing embedded
    text = pdf_text(record.file_pdf)
    for shown in [
        "不动产权电子证书（模拟）",
        "粤(2024)韶关市不动产权第0012345号",
        "韶关市某某建设有限公司",
        "91440200MA4W123458",
        "韶关市武江区沿江路16号地块",
        "1200.5 平方米",
        "韶关市自然资源局",
        "长期",
        "有效（VALID）",
        "req-7f3a",
        "仅供演示",
    ]:
        assert shown in text, shown
    licence = await provider().fetch(BL, "91440200MA5120004R", request_id="r")
    text = pdf_text(licence.file_pdf)
    for shown in ["电子营业执照（模拟）", "韶关市南华物流有限公司", "吴九", "2023-12-31", "已过期"]:
        assert shown in text, shown


async def test_the_same_licence_gives_the_same_bytes_at_any_time() -> None:
    sim = provider()
    with time_machine.travel(datetime(2025, 1, 1, 9, 0), tick=False):
        first = await sim.fetch(BL, "91440200MA5120001G", request_id="req-1")
    with time_machine.travel(datetime(2031, 7, 9, 23, 59), tick=False):
        again = await sim.fetch(BL, "91440200MA5120001G", request_id="req-1")
    assert hashlib.sha256(first.file_pdf).digest() == hashlib.sha256(again.file_pdf).digest()
    other_call = await sim.fetch(BL, "91440200MA5120001G", request_id="req-2")
    assert other_call.file_pdf != first.file_pdf  # the request id is printed on it


async def test_records_do_not_share_the_cached_details() -> None:
    sim = provider()
    record = await sim.fetch(BL, "91440200MA4W123458", request_id="r")
    record.details["address"] = "changed by a caller"
    again = await sim.fetch(BL, "91440200MA4W123458", request_id="r")
    assert again.details["address"] == "韶关市武江区沿江路16号"


# --- choosing the provider -------------------------------------------------------------------


@pytest.fixture
def fresh_settings(monkeypatch: pytest.MonkeyPatch):
    get_settings.cache_clear()
    get_licence_provider.cache_clear()
    yield monkeypatch
    monkeypatch.undo()
    get_settings.cache_clear()
    get_licence_provider.cache_clear()


def test_the_default_provider_is_the_demo_registry(fresh_settings) -> None:
    fresh_settings.delenv("HUB_LICENCE_PROVIDER", raising=False)
    fresh_settings.delenv("HUB_LICENCE_REGISTRY", raising=False)
    chosen = get_licence_provider()
    assert isinstance(chosen, SimulatedLicenceProvider)
    assert chosen.registry_path == DEMO_REGISTRY
    assert get_licence_provider() is chosen


def test_hub_licence_registry_names_the_file(fresh_settings, tmp_path: Path) -> None:
    path = write(tmp_path, API_EXAMPLE)
    fresh_settings.setenv("HUB_LICENCE_PROVIDER", "simulated")
    fresh_settings.setenv("HUB_LICENCE_REGISTRY", str(path))
    assert get_licence_provider().registry_path == path


@pytest.mark.parametrize(
    ("name", "error", "message"),
    [
        ("carrier-pigeon", SettingsError, "HUB_LICENCE_PROVIDER: .*'simulated' or 'http', got 'carrier-pigeon'"),  # noqa: E501
        ("http", SettingsError, "HUB_LICENCE_PROVIDER: .*needs HUB_LICENCE_HTTP_BASE_URL"),
    ],
)  # fmt: skip
def test_a_provider_that_cannot_be_made_is_a_clear_error(fresh_settings, name, error, message):
    fresh_settings.setenv("HUB_LICENCE_PROVIDER", name)
    with pytest.raises(error, match=message):
        get_licence_provider()
