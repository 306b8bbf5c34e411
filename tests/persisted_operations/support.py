"""Requests as an Apollo client with automatic persisted queries sends them."""

from __future__ import annotations

import json

import httpx

from hub.persisted_operations.documents import sha256_hex

WORKING_DAY = """query WorkingDay($date: Date!) { isWorkingDay(date: $date) }
query Holiday { isWorkingDay(date: "2026-10-01") }
"""
ANSWER = {"isWorkingDay": True}
VARIABLES = {"date": "2026-12-01"}


def persisted(sha256: str) -> dict:
    return {"persistedQuery": {"version": 1, "sha256Hash": sha256}}


async def register_on_served_hub(hub, *documents: str) -> None:
    """What `hub operations add` writes, straight into a served hub's database (the ORM of the
    test's process is closed while the hub serves)."""
    for document in documents:
        await hub.sql(
            """INSERT INTO persisted_operation (sha256, document, operation_names, source,
                                                registered_at)
               VALUES ($1, $2, '[]'::jsonb, 'test', now()) ON CONFLICT DO NOTHING""",
            sha256_hex(document),
            document,
        )


async def post(http: httpx.AsyncClient, body: dict, token: str | None = None) -> dict:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return (await http.post("/graphql", json=body, headers=headers)).json()


async def post_hash(http, document: str, variables=None, operation=None, token=None) -> dict:
    body = {"extensions": persisted(sha256_hex(document)), "variables": variables or {}}
    if operation:
        body["operationName"] = operation
    return await post(http, body, token)


async def get_hash(http, document: str, variables=None, operation=None) -> httpx.Response:
    params = {
        "extensions": json.dumps(persisted(sha256_hex(document))),
        "variables": json.dumps(variables or {}),
    }
    if operation:
        params["operationName"] = operation
    return await http.get("/graphql", params=params, headers={"Accept": "application/json"})
