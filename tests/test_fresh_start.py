"""What `make run` does (`hub seed-demo`, then `hub serve`) on a fresh storage directory with
S3 pointed at an empty store: the bucket is made on the way, and the hub serves and is ready
(issue 24, "Operations around it"). moto's S3 server stands in for the store."""

from __future__ import annotations

import json
import uuid

import httpx
from minio import Minio

from tests.cli_process import run_hub, serving_hub
from tests.objectstore.support import ACCESS_KEY, SECRET_KEY


def s3_settings(endpoint: str, bucket: str) -> dict[str, str]:
    return {
        "HUB_S3_ENDPOINT": endpoint,
        "HUB_S3_ACCESS_KEY": ACCESS_KEY,
        "HUB_S3_SECRET_KEY": SECRET_KEY,
        "HUB_S3_BUCKET": bucket,
        "HUB_S3_SECURE": "false",
        "HUB_S3_REGION": "us-east-1",
        "HUB_PDF": "off",
    }


def bucket_exists(endpoint: str, bucket: str) -> bool:
    client = Minio(endpoint, ACCESS_KEY, SECRET_KEY, secure=False, region="us-east-1")
    return client.bucket_exists(bucket_name=bucket)


def test_make_run_on_an_empty_s3_store_serves(tmp_path, moto_endpoint):
    bucket = f"hub-fresh-{uuid.uuid4().hex[:12]}"
    settings = s3_settings(moto_endpoint, bucket)
    assert not bucket_exists(moto_endpoint, bucket)

    seeded = run_hub("seed-demo", storage=tmp_path, timeout=240, **settings)
    assert seeded.returncode == 0, seeded.stderr
    assert "loaded" in seeded.stdout
    assert bucket_exists(moto_endpoint, bucket)

    with serving_hub(tmp_path, **settings) as base_url:
        assert httpx.get(f"{base_url}/healthz").json() == {"status": "ok"}
        ready = httpx.get(f"{base_url}/readyz")
    assert (ready.status_code, ready.json()) == (200, {"ready": True})


def test_migrate_makes_the_bucket(tmp_path, moto_endpoint):
    bucket = f"hub-migrate-{uuid.uuid4().hex[:12]}"
    result = run_hub("migrate", storage=tmp_path, **s3_settings(moto_endpoint, bucket))
    assert result.returncode == 0, result.stderr
    assert bucket_exists(moto_endpoint, bucket)


def test_seed_demo_says_in_one_line_when_the_store_is_down(tmp_path):
    from tests.served import free_port

    settings = s3_settings(f"127.0.0.1:{free_port()}", "hub")
    result = run_hub("seed-demo", storage=tmp_path, **settings)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    # Besides the process's log lines (JSON, hub/logs/), the operator gets one line.
    lines = result.stderr.splitlines()
    log_lines = [json.loads(line) for line in lines if line.startswith("{")]
    said = [line for line in lines if not line.startswith("{")]
    assert len(said) == 1 and said[0].startswith("对象存储不可用 (object store unavailable)"), said
    assert all("level" in line for line in log_lines)
