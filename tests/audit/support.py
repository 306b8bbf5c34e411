"""The audit log's query, `hub audit verify` run as the operator runs it, and SQL on the rows."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

from tortoise import connections

from tests.conftest import backend_url

AUDIT_LOG = """query($filter: AuditFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { id seq at actor role onBehalf action caseId object outcome address
      details previousHash hash } }
    pageInfo { hasNextPage endCursor } } }"""


async def audit_log(api, token: str, **filter_) -> list[dict]:
    data = await api.ok(AUDIT_LOG, {"filter": filter_, "first": 100}, token)
    return [edge["node"] for edge in data["auditLog"]["edges"]]


async def hub_command(backend: str, *args: str) -> subprocess.CompletedProcess:
    """`hub <args>` in a process of its own against the test's database."""
    env = {**os.environ, "HUB_DATABASE_URL": backend_url(backend)}
    command = [sys.executable, "-m", "hub.cli", *args]
    return await asyncio.to_thread(
        subprocess.run, command, env=env, capture_output=True, text=True, timeout=120
    )


async def hub_audit_verify(backend: str) -> subprocess.CompletedProcess:
    return await hub_command(backend, "audit", "verify")


async def sql(statement: str) -> None:
    """Straight to the database, past the hub (as someone covering their tracks would)."""
    await connections.get("default").execute_script(statement)
