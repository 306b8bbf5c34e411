"""Liaisons through the API: one or two per unit (a third is refused and nothing changes),
admins only, and the contact list with personal mobiles masked for applicants."""

from __future__ import annotations

from tests.api import bad_input_paths
from tests.factories import ADMIN, APPLICANT, UTILITY, WINDOW
from tests.liaisons.support import LIAISONS, SET_LIAISONS

TWO = [
    {"name": "李联络", "phone": "0751-8877817"},
    {"name": "王联络", "phone": "13800001234"},
]


async def test_a_unit_has_one_or_two_liaisons_and_a_third_is_refused(api):
    data = await api.ok(SET_LIAISONS, {"unit": "POWER", "liaisons": TWO}, ADMIN)
    assert [(x["unit"], x["name"], x["userId"]) for x in data["setLiaisons"]] == [
        ("POWER", "李联络", None),
        ("POWER", "王联络", None),
    ]
    three = [*TWO, {"name": "赵联络", "phone": "13900001111"}]
    error = await api.error(SET_LIAISONS, {"unit": "POWER", "liaisons": three}, ADMIN)
    assert bad_input_paths(error) == ["liaisons"]
    error = await api.error(SET_LIAISONS, {"unit": "POWER", "liaisons": []}, ADMIN)
    assert bad_input_paths(error) == ["liaisons"]
    listed = (await api.ok(LIAISONS, {"unit": "POWER"}, WINDOW))["liaisons"]
    assert [x["name"] for x in listed] == ["李联络", "王联络"]  # unchanged by the refusals

    one = [{"name": "赵联络", "phone": "13900001111"}]
    await api.ok(SET_LIAISONS, {"unit": "POWER", "liaisons": one}, ADMIN)
    listed = (await api.ok(LIAISONS, {"unit": "POWER"}, WINDOW))["liaisons"]
    assert [x["name"] for x in listed] == ["赵联络"]  # replaced, not added to


async def test_bad_entries_are_named_and_change_nothing(api):
    bad = [{"name": " ", "phone": "12345"}, {"name": "王联络", "phone": "0751-8877817"}]
    error = await api.error(SET_LIAISONS, {"unit": "GAS", "liaisons": bad}, ADMIN)
    assert bad_input_paths(error) == ["liaisons[0].name", "liaisons[0].phone"]
    assert (await api.ok(LIAISONS, {"unit": "GAS"}, ADMIN))["liaisons"] == []


async def test_only_admins_set_liaisons(api):
    for token in (WINDOW, UTILITY["POWER"], APPLICANT):
        error = await api.error(SET_LIAISONS, {"unit": "POWER", "liaisons": TWO}, token)
        assert error["extensions"]["code"] == "FORBIDDEN"
    assert (await api.ok(LIAISONS, {}, ADMIN))["liaisons"] == []


async def test_the_contact_list_masks_personal_mobiles_for_applicants(api):
    await api.ok(SET_LIAISONS, {"unit": "POWER", "liaisons": TWO}, ADMIN)
    centre = [{"name": "陈联络", "phone": "0751-8890000"}]
    await api.ok(SET_LIAISONS, {"unit": "SERVICE_CENTRE", "liaisons": centre}, ADMIN)

    seen_by_applicant = (await api.ok(LIAISONS, {}, APPLICANT))["liaisons"]
    assert [(x["unit"], x["phone"]) for x in seen_by_applicant] == [
        ("SERVICE_CENTRE", "0751-8890000"),  # units in their fixed order
        ("POWER", "0751-8877817"),  # the unit's landline in full
        ("POWER", "138****1234"),  # a personal mobile masked
    ]
    seen_by_staff = (await api.ok(LIAISONS, {"unit": "POWER"}, UTILITY["GAS"]))["liaisons"]
    assert [x["phone"] for x in seen_by_staff] == ["0751-8877817", "13800001234"]


CREATE_USER = """mutation($input: UserInput!) { createUser(input: $input) { id } }"""


async def create_user(api, username: str, role: str, **binding) -> str:
    user = {"username": username, "displayName": username, "role": role, **binding}
    variables = {"input": {**user, "password": "Demo-Password-2026"}}
    return (await api.ok(CREATE_USER, variables, ADMIN))["createUser"]["id"]


async def test_a_liaison_links_to_a_liaison_user_of_its_own_unit(api):
    power_liaison = await create_user(api, "liaison-p", "LIAISON", unit="POWER")
    gas_liaison = await create_user(api, "liaison-g", "LIAISON", unit="GAS")
    power_staff = await create_user(api, "power-staff", "UTILITY", utility="POWER")
    unknown = "00000000-0000-4000-8000-000000000000"
    for user_id in (gas_liaison, power_staff, unknown, "not-an-id"):
        entries = [{"name": "李联络", "phone": "0751-8877817", "userId": user_id}]
        error = await api.error(SET_LIAISONS, {"unit": "POWER", "liaisons": entries}, ADMIN)
        assert bad_input_paths(error) == ["liaisons[0].userId"], user_id
    assert (await api.ok(LIAISONS, {"unit": "POWER"}, ADMIN))["liaisons"] == []

    entries = [{"name": "李联络", "phone": "0751-8877817", "userId": power_liaison}]
    data = await api.ok(SET_LIAISONS, {"unit": "POWER", "liaisons": entries}, ADMIN)
    assert [x["userId"] for x in data["setLiaisons"]] == [power_liaison]
