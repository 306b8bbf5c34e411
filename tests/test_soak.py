"""The soak's short variant (bench/soak.py, README "Reliability"): the scaled-out hub (two API
replicas, two workers, PostgreSQL, a private Redis, moto's S3 server) plays a small day while
every fault strikes once (a worker killed mid-render, Redis restarted, the store out, a replica
killed, the webhook receiver answering 500, the database's connections terminated), and
nothing is lost or doubled: cases, documents, portal events, webhook deliveries, notifications,
the audit chain. Run as the command an operator runs, in a process of its own."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REQUIRE_SERVICES, backend_url

ROOT = Path(__file__).resolve().parent.parent


def test_a_short_day_with_every_fault_loses_and_doubles_nothing():
    url = backend_url("postgres")
    if shutil.which("redis-server") is None:
        reason = "redis-server is not installed (the soak restarts a Redis of its own)"
        if REQUIRE_SERVICES:
            pytest.fail(reason)
        pytest.skip(reason)
    server, name = url.rsplit("/", 1)
    command = [sys.executable, str(ROOT / "bench" / "soak.py"), "--seed", "23"]
    command += ["--cases", "16", "--concurrency", "6", "--outage-seconds", "6"]
    command += ["--webhook-500-seconds", "5", "--job-timeout-seconds", "25"]
    command += ["--database", f"{name}_soak"]
    command += ["--admin-url", f"{server}/postgres"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("HUB_")}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=900)
    report = result.stdout
    assert result.returncode == 0, report[-6000:] + result.stderr[-3000:]
    assert "VERDICT: PASS (lost 0, doubled 0)" in report
    assert "errors outside the injected windows: 0" in report
    table = report.split("\nfault ", 1)[1].split("\nchecked ", 1)[0]
    recovered = set(re.findall(r"^(\w+)\s+[\d.]+\s+[\d.]+\s+[\d.]+\s", table, re.MULTILINE))
    assert recovered == {
        "worker_kill",
        "redis_restart",
        "s3_outage",
        "api_kill",
        "webhook_500",
        "pg_terminate",
    }, table
