"""Issue 13, row 8: graphql-http's GraphQL-over-HTTP server audit (`auditServer`, pinned in
tests/web/package.json) reports no warning and no error against `hub serve`.

Needs node and npm: installs the audit into tests/web/node_modules when it is missing. Without
node the test skips, except under CI=true where it fails."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).parent
AUDIT = HERE / "graphql_http_audit.mjs"


def _node_and_npm() -> tuple[str, str]:
    node, npm = shutil.which("node"), shutil.which("npm")
    if not (node and npm):
        reason = "node and npm are needed for graphql-http's audit"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return node, npm


def _install_audit(npm: str) -> None:
    if (HERE / "node_modules" / "graphql-http").is_dir():
        return
    done = subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund"],
        cwd=HERE,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"npm ci failed:\n{done.stdout}\n{done.stderr}"


async def test_graphql_http_audit_finds_nothing(hub_process):
    node, npm = _node_and_npm()
    await asyncio.to_thread(_install_audit, npm)
    done = await asyncio.to_thread(
        subprocess.run,
        [node, str(AUDIT), f"{hub_process.base_url}/graphql"],
        cwd=HERE,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    findings = [
        f"{found['status']} {found['id']} {found['name']}: {found['reason']}"
        for found in report["failures"]
        if found["status"] in ("warn", "error")
    ]
    assert not findings, "graphql-http's audit:\n" + "\n".join(findings)
    assert report["counts"]["ok"] > 50, report["counts"]
