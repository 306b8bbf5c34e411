import copy
import re
from decimal import Decimal
from importlib import resources
from itertools import combinations

import pytest
import yaml

from hub.enums import APPROVAL_KINDS, E_LICENCE_KINDS, Utility
from hub.guide.catalogue import (
    UTILITIES,
    GuideDataError,
    ServiceGuide,
    load_guide,
    merge_guide,
    parse_guide,
    requirement_codes_for_utility,
    requirements_for,
)

ALL_COMBINATIONS = [
    combination for size in (1, 2, 3) for combination in combinations(UTILITIES, size)
]
CJK = re.compile(r"[\u4e00-\u9fff]")


def raw_guide_data() -> dict:
    text = resources.files("hub.guide").joinpath("service_guide.yaml").read_text("utf-8")
    return yaml.safe_load(text)


# --- the packaged guide -----------------------------------------------------------------------


def test_the_guide_loads_once_with_every_utility():
    guide = load_guide()
    assert isinstance(guide, ServiceGuide)
    assert guide is load_guide()
    assert guide.utilities == ("WATER", "POWER", "GAS")
    assert 10 <= len(guide.requirements) <= 14


def test_the_three_e_licences_are_mandatory_for_every_utility():
    by_kind = {
        req.licence_kind: req
        for req in load_guide().requirements
        if req.licence_kind in E_LICENCE_KINDS
    }
    assert set(by_kind) == {"ID_CARD", "BUSINESS_LICENCE", "PROPERTY_TITLE"}
    for requirement in by_kind.values():
        assert requirement.mandatory
        assert requirement.utilities == UTILITIES


def test_every_project_approval_meets_a_requirement():
    met_by = {kind: req.code for req in load_guide().requirements for kind in req.licence_kinds}
    assert {kind: met_by.get(kind) for kind in APPROVAL_KINDS} == {
        "PROJECT_REGISTRATION": "PROJECT_REGISTRATION",
        "LAND_USE_PLANNING_PERMIT": "PROPERTY_TITLE",  # land-use proof while no title yet
        "PLANNING_PERMIT": "PLANNING_PERMIT",
        "CONSTRUCTION_PERMIT": "CONSTRUCTION_PERMIT",
    }


def test_each_utility_has_materials_of_its_own():
    own = {
        utility: {req.code for req in load_guide().requirements if req.utilities == (utility,)}
        for utility in UTILITIES
    }
    assert "WATER_SUPPLY_DRAWING" in own["WATER"]
    assert "POWER_LOAD_LIST" in own["POWER"]
    assert "GAS_APPLIANCE_LIST" in own["GAS"]


def test_user_facing_texts_are_chinese_and_codes_upper_snake():
    guide = load_guide()
    texts = [guide.title, guide.scope, guide.application_form]
    for req in guide.requirements:
        assert re.fullmatch(r"[A-Z][A-Z0-9_]*", req.code)
        texts += [req.title, req.description]
    for item in (*guide.process, *guide.fees, *guide.policies, *guide.notes):
        assert re.fullmatch(r"[A-Z][A-Z0-9_]*", item.code)
        texts += [item.title, item.description]
    texts += [limit.title for limit in guide.time_limits]
    for text in texts:
        assert CJK.search(text), text


def test_time_limits_are_the_clocks_of_the_rules():
    clocks = {limit.step: (limit.working_days, limit.owner) for limit in load_guide().time_limits}
    assert clocks == {
        "UTILITY_REVIEW_FEEDBACK": (Decimal("0.5"), "UTILITY"),
        "RESULT_FEEDBACK_FORM": (Decimal("1"), "UTILITY"),
        "CONSOLIDATED_REPLY": (Decimal("0.5"), "WINDOW"),
        "LIAISON_PROBLEM_ANSWER": (Decimal("1"), "UTILITY"),
        "GREEN_CHANNEL_FIRST_CONTACT": (Decimal("0.5"), "ASSIGNED_UNIT"),
    }
    for limit in load_guide().time_limits:
        assert isinstance(limit.working_days, Decimal)
        assert limit.step in limit.label and limit.title in limit.label


def test_channels_are_phone_window_46_and_video():
    channels = {channel.kind: channel.value for channel in load_guide().channels}
    assert set(channels) == {"PHONE", "ON_SITE", "VIDEO"}
    assert "8877817" in channels["PHONE"]
    assert "二楼" in channels["ON_SITE"]
    assert "C区" in channels["ON_SITE"]
    assert "46号窗口" in channels["ON_SITE"]
    assert "视频办" in channels["VIDEO"]


def test_the_application_itself_is_free_and_every_utility_has_a_fee_statement():
    fees = load_guide().fees
    free = next(fee for fee in fees if fee.code == "APPLICATION_FREE_OF_CHARGE")
    assert free.utilities == ()
    assert "不收" in free.title
    for utility in UTILITIES:
        assert any(fee.utilities == (utility,) for fee in fees)


def test_policies_include_the_three_zeros_and_the_green_channel():
    titles = {policy.code: policy.title for policy in load_guide().policies}
    assert "零上门、零审批、零费用" in titles["ZERO_VISIT_ZERO_APPROVAL_ZERO_COST"]
    assert "绿色通道" in titles["GREEN_CHANNEL"]


def test_process_is_the_five_ones():
    assert [step.title for step in load_guide().process] == [
        "一次告知",
        "一表申请",
        "一窗受理",
        "一并审批",
        "一网流转",
    ]


# --- merging ----------------------------------------------------------------------------------


@pytest.mark.parametrize("chosen", ALL_COMBINATIONS, ids="+".join)
def test_merge_keeps_exactly_the_requirements_the_choice_needs(chosen):
    full = load_guide()
    merged = merge_guide(chosen)

    codes = [req.code for req in merged.requirements]
    assert len(codes) == len(set(codes))
    expected = [req for req in full.requirements if set(req.utilities) & set(chosen)]
    # Same objects in file order: each keeps its full utilities list.
    assert list(merged.requirements) == expected
    assert merged.utilities == chosen
    assert requirements_for(chosen) == expected


@pytest.mark.parametrize("chosen", ALL_COMBINATIONS, ids="+".join)
def test_merge_keeps_common_and_chosen_texts_without_duplicates(chosen):
    full = load_guide()
    merged = merge_guide(chosen)
    for section in ("time_limits", "fees", "policies", "notes"):
        kept = getattr(merged, section)
        expected = [
            item
            for item in getattr(full, section)
            if not item.utilities or set(item.utilities) & set(chosen)
        ]
        assert list(kept) == expected, section
        assert len(set(kept)) == len(kept), section
    assert merged.channels == full.channels
    assert merged.process == full.process


def test_a_water_only_guide_leaves_out_power_and_gas_material():
    merged = merge_guide(["WATER"])
    codes = {req.code for req in merged.requirements}
    assert "WATER_SUPPLY_DRAWING" in codes
    assert not codes & {"POWER_LOAD_LIST", "GAS_APPLIANCE_LIST", "GAS_PIPING_LAYOUT"}
    assert "POWER_PRICE" not in {fee.code for fee in merged.fees}
    assert "GAS_SAFETY" not in {note.code for note in merged.notes}


def test_merge_ignores_order_and_repetition_and_accepts_the_enum():
    assert merge_guide(["GAS", "WATER", "GAS"]) == merge_guide(["WATER", "GAS"])
    assert merge_guide([Utility.POWER]) == merge_guide(["POWER"])
    assert merge_guide(["GAS", "WATER"]).utilities == ("WATER", "GAS")


def test_merge_of_everything_is_the_full_guide():
    assert merge_guide(UTILITIES) == load_guide()


@pytest.mark.parametrize("bad", [[], ["HEAT"], ["WATER", "water"]])
def test_merge_refuses_an_empty_or_unknown_choice(bad):
    with pytest.raises(ValueError):
        merge_guide(bad)


def test_merge_refuses_a_bare_string():
    with pytest.raises(TypeError):
        merge_guide("WATER")


def test_requirements_for_nothing_is_empty():
    assert requirements_for([]) == []


def test_requirement_codes_for_each_utility():
    water = requirement_codes_for_utility("WATER")
    power = requirement_codes_for_utility("POWER")
    gas = requirement_codes_for_utility("GAS")
    shared = {"BUSINESS_LICENCE", "AGENT_ID_CARD", "PROPERTY_TITLE"}
    assert shared <= water & power & gas
    assert "POWER_LOAD_LIST" in power and "POWER_LOAD_LIST" not in water | gas
    assert "GAS_PIPING_LAYOUT" in gas and "GAS_PIPING_LAYOUT" not in water | power
    assert "CONSTRUCTION_PERMIT" in water & power and "CONSTRUCTION_PERMIT" not in gas
    assert isinstance(water, frozenset)
    for utility, codes in (("WATER", water), ("POWER", power), ("GAS", gas)):
        assert codes == {req.code for req in requirements_for([utility])}
    with pytest.raises(ValueError):
        requirement_codes_for_utility("HEAT")


# --- checking the data ------------------------------------------------------------------------


def test_the_raw_data_parses_to_the_packaged_guide():
    assert parse_guide(raw_guide_data()) == load_guide()


def _broken(change) -> dict:
    data = copy.deepcopy(raw_guide_data())
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["requirements"][0].update(utilities=["WATER", "HEAT"]), "unknown utility"),
        (lambda d: d["requirements"][0].update(licence_kind="PASSPORT"), "licence_kind"),
        (lambda d: d["requirements"].append(dict(d["requirements"][1])), "duplicate"),
        (lambda d: d["requirements"][0].update(utilities=[]), "at least one utility"),
        (lambda d: d["requirements"][0].update(utilities=["GAS", "GAS"]), "twice"),
        (lambda d: d["requirements"][0].pop("mandatory"), "mandatory"),
        (lambda d: d["requirements"][0].update(mandatory="yes"), "mandatory"),
        (lambda d: d["requirements"][0].update(mandetory=True), "unknown field"),
        (lambda d: d["requirements"][0].update(code="Business licence"), "UPPER_SNAKE"),
        (lambda d: d["notes"][0].update(utilities=["HEAT"]), "unknown utility"),
        (lambda d: d["fees"].append(dict(d["fees"][0])), "duplicate"),
        (lambda d: d["time_limits"][0].update(working_days=0.5), "working_days"),
        (lambda d: d["time_limits"][0].update(working_days="0.3"), "multiple of 0.5"),
        (lambda d: d["time_limits"][0].update(working_days="0"), "multiple of 0.5"),
        (lambda d: d["time_limits"][0].update(working_days="soon"), "not a number"),
        (lambda d: d["time_limits"][0].update(owner="NOBODY"), "owner"),
        (lambda d: d["channels"][0].update(kind="FAX"), "channel kind"),
        (lambda d: d.update(requirements=[]), "non-empty list"),
        (lambda d: d.pop("title"), "title"),
        (lambda d: d.update(utilities=["WATER"]), "unknown field"),
        (
            lambda d: d["requirements"][0].update(mandatory="yes"),
            r"requirements\[0\] \(BUSINESS_LICENCE\)\.mandatory: must be true or false",
        ),
        (lambda d: d["notes"].append("只有文字"), r"notes\[\d+\]: must be a mapping"),
    ],
)
def test_inconsistent_data_is_refused_with_a_clear_message(change, message):
    with pytest.raises(GuideDataError, match=message) as raised:
        parse_guide(_broken(change))
    assert isinstance(raised.value, ValueError)
    assert str(raised.value).startswith("service guide")
