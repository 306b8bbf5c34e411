"""Managing endpoints: admins only, the secret shown once, inputs checked with field paths."""

from __future__ import annotations

import pytest

from tests.api import (
    bad_input_paths,
)
from tests.factories import (
    ADMIN,
    APPLICANT,
    LIAISON,
    UTILITY,
    WINDOW,
)
from tests.webhooks.support import (
    ATTEMPTS,
    DELIVERIES,
    DELIVERY,
    DISABLE,
    ENDPOINTS,
    REDELIVER,
    REGISTER,
    ROTATE,
    UPDATE,
)

GOOD = {
    "utility": "WATER",
    "url": "https://portal.example/hub-events",
    "eventTypes": ["TICKET_DISPATCHED", "RESULT_SUBMITTED"],
    "description": "水投报装平台",
}
SOME_ID = "00000000-0000-0000-0000-000000000001"
OPERATIONS = [
    (REGISTER, {"input": GOOD}),
    (ENDPOINTS, {}),
    (UPDATE, {"id": SOME_ID, "input": {"enabled": False}}),
    (DISABLE, {"id": SOME_ID}),
    (ROTATE, {"id": SOME_ID}),
    (DELIVERIES, {}),
    (DELIVERY, {"id": SOME_ID}),
    (ATTEMPTS, {"id": SOME_ID}),
    (REDELIVER, {"id": SOME_ID}),
]


def codes_of(error: dict) -> str:
    return error["extensions"]["code"]


@pytest.mark.parametrize(("operation", "variables"), OPERATIONS)
async def test_only_admins_manage_webhooks(sqlite_api, operation, variables):
    others = [APPLICANT, WINDOW, UTILITY["WATER"], LIAISON]
    for token in others:
        error = await sqlite_api.error(operation, variables, token)
        assert codes_of(error) == "FORBIDDEN", (token, error)
    assert codes_of(await sqlite_api.error(operation, variables)) == "UNAUTHENTICATED"
    assert codes_of(await sqlite_api.error(operation, variables, "not-a-token")) == (
        "UNAUTHENTICATED"
    )


async def test_the_secret_is_shown_once_then_only_its_last_characters(api):
    registered = (await api.ok(REGISTER, {"input": GOOD}, ADMIN))["registerWebhook"]
    secret, endpoint = registered["secret"], registered["endpoint"]
    assert secret.startswith("whsec_") and len(secret) == len("whsec_") + 44  # 32 bytes
    assert endpoint["secretHint"] == f"…{secret[-4:]}"
    assert {k: endpoint[k] for k in ("utility", "url", "eventTypes", "description")} == {
        **GOOD,
        "eventTypes": sorted(GOOD["eventTypes"]),
    }
    assert (endpoint["enabled"], endpoint["createdBy"]) == (True, "admin-user")
    [listed] = (await api.ok(ENDPOINTS, {}, ADMIN))["webhookEndpoints"]
    assert listed == endpoint
    assert secret not in str(await api.raw(ENDPOINTS, {}, ADMIN))
    # The type has no field that could show it again.
    error = await api.error("{ webhookEndpoints { secret } }", None, ADMIN)
    assert "Cannot query field 'secret'" in error["message"]

    rotated = (await api.ok(ROTATE, {"id": endpoint["id"]}, ADMIN))["rotateWebhookSecret"]
    assert rotated["secret"] != secret and rotated["secret"].startswith("whsec_")
    assert rotated["endpoint"]["secretHint"] == f"…{rotated['secret'][-4:]}"
    [listed] = (await api.ok(ENDPOINTS, {}, ADMIN))["webhookEndpoints"]
    assert listed["secretHint"] == rotated["endpoint"]["secretHint"]


async def test_update_disable_and_filters(api):
    water = (await api.ok(REGISTER, {"input": GOOD}, ADMIN))["registerWebhook"]["endpoint"]
    power_input = {"utility": "POWER", "url": "http://10.0.0.7:8080/hook"}
    power = (await api.ok(REGISTER, {"input": power_input}, ADMIN))["registerWebhook"]["endpoint"]
    assert (power["eventTypes"], power["description"]) == ([], None)

    changes = {"url": "https://portal.example/v2", "eventTypes": [], "description": "新平台"}
    updated = (await api.ok(UPDATE, {"id": water["id"], "input": changes}, ADMIN))["updateWebhook"]
    assert {k: updated[k] for k in changes} == changes
    assert updated["secretHint"] == water["secretHint"] and updated["enabled"]
    disabled = (await api.ok(DISABLE, {"id": power["id"]}, ADMIN))["disableWebhook"]
    assert disabled["enabled"] is False

    async def ids(**variables):
        return [e["id"] for e in (await api.ok(ENDPOINTS, variables, ADMIN))["webhookEndpoints"]]

    assert await ids() == [water["id"], power["id"]]
    assert await ids(utility="POWER") == [power["id"]]
    assert await ids(enabled=True) == [water["id"]]
    enabled = {"id": power["id"], "input": {"enabled": True}}
    assert (await api.ok(UPDATE, enabled, ADMIN))["updateWebhook"]["enabled"] is True


@pytest.mark.parametrize(
    "url",
    [
        "ftp://portal.example/hook",
        "portal.example/hook",
        "https://",
        "",
        "javascript:alert(1)",
        "https://user:pass@portal.example/hook",
        "https://portal.example/ho ok",
        "https://portal.example:99999/hook",
        "https://portal.example/" + "x" * 2000,
    ],
)
async def test_a_bad_url_is_bad_user_input_at_its_path(sqlite_api, url):
    error = await sqlite_api.error(REGISTER, {"input": {**GOOD, "url": url}}, ADMIN)
    assert bad_input_paths(error) == ["input.url"]
    assert (await sqlite_api.ok(ENDPOINTS, {}, ADMIN))["webhookEndpoints"] == []


async def test_every_problem_of_an_input_is_reported(sqlite_api):
    bad = {**GOOD, "url": "mailto:x@y", "eventTypes": ["CASE_CREATED", "NOPE", "case_created"]}
    error = await sqlite_api.error(REGISTER, {"input": bad}, ADMIN)
    assert bad_input_paths(error) == ["input.url", "input.eventTypes[1]", "input.eventTypes[2]"]
    registered = (await sqlite_api.ok(REGISTER, {"input": GOOD}, ADMIN))["registerWebhook"]
    update = {
        "id": registered["endpoint"]["id"],
        "input": {"url": "gopher://x", "eventTypes": ["X"]},
    }
    error = await sqlite_api.error(UPDATE, update, ADMIN)
    assert bad_input_paths(error) == ["input.url", "input.eventTypes[0]"]


@pytest.mark.parametrize(("operation", "variables"), OPERATIONS[2:5] + OPERATIONS[7:])
async def test_unknown_ids_are_not_found(sqlite_api, operation, variables):
    for value in (SOME_ID, "not-a-uuid"):
        error = await sqlite_api.error(operation, {**variables, "id": value}, ADMIN)
        assert codes_of(error) == "NOT_FOUND", error
    assert (await sqlite_api.ok(DELIVERY, {"id": SOME_ID}, ADMIN))["webhookDelivery"] is None
