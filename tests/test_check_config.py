"""Settings are checked before any command starts (issue 24, "Configuration"): a bad HUB_*
value is one line naming the variable and exit code 2, never a traceback; `hub check-config`
prints the effective settings with the secrets hidden. The CLI runs as its own process, as an
operator runs it."""

from __future__ import annotations

import subprocess

import pytest

from hub.settings import Settings
from tests.cli_process import run_hub


def assert_refused(result: subprocess.CompletedProcess[str], variable: str) -> list[str]:
    lines = result.stderr.splitlines()
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert any(variable + ":" in line for line in lines), result.stderr
    return lines


BAD_VALUES = [
    # variable, value, a word the line must carry besides the variable's name
    ("HUB_DATABASE_URL", "postgress://hub@db:5432/hub", "postgress"),
    ("HUB_DATABASE_URL", "postgres://hub@db:5432", "database name"),
    ("HUB_DATABASE_URL", "postgres:///hub", "no host"),
    ("HUB_DATABASE_URL", "postgres://hub@db:99999/hub", "port"),
    ("HUB_DATABASE_URL", "mysql://hub@db/hub", "unsupported scheme"),
    ("HUB_DATABASE_URL", "sqlite:/storage/hub.sqlite3", "no database file"),
    ("HUB_DATABASE_URL", "postgres://hub@db/hub?max_size=many", "Tortoise ORM cannot use it"),
    ("HUB_REDIS_URL", "redis//localhost:6379", "unsupported scheme"),
    ("HUB_REDIS_URL", "redis://localhost:6379/zero", "number"),
    ("HUB_PUBLIC_URL", "127.0.0.1:8000", "http(s)://"),
    ("HUB_PUBLIC_URL", "http://", "no host"),
    ("HUB_S3_ENDPOINT", "minio:9000/hub", "HUB_S3_BUCKET"),
    ("HUB_S3_ENDPOINT", "minio:port", "port"),
    ("HUB_S3_PUBLIC_ENDPOINT", "ftp://files.example", "unsupported scheme"),
    ("HUB_S3_SECURE", "maybe", "true"),
    ("HUB_S3_BUCKET", "Hub_Objects", "bucket name"),
    ("HUB_LICENCE_PROVIDER", "carrier-pigeon", "'simulated' or 'http'"),
    ("HUB_LICENCE_REGISTRY", "/no/such/registry.json", "file"),
    ("HUB_LICENCE_HTTP_BASE_URL", "licences.example", "http(s)://"),
    ("HUB_APPROVALS_PROVIDER", "fax", "'simulated' or 'http'"),
    ("HUB_APPROVALS_REGISTRY", "/no/such/approvals.json", "file"),
    ("HUB_APPROVALS_HTTP_BASE_URL", "gjxt.example", "http(s)://"),
    ("HUB_APPROVALS_HTTP_RETRIES", "-1", "greater than or equal to 0"),
    ("HUB_PDF", "yes", "'auto' or 'off'"),
    ("HUB_TIMEZONE", "Asia/Shanghia", "time zone"),
    ("HUB_MAX_UPLOAD_BYTES", "-1", "greater than 0"),
    ("HUB_PDF_CONCURRENCY", "two", "integer"),
    ("HUB_DATABASE_LOCK_TIMEOUT_SECONDS", "-5", "greater than or equal to 0"),
    ("HUB_CORS_ORIGINS", "https://ok.example,portal", "origin"),
    ("HUB_RATE_LIMIT", "lots", "600/minute"),
    ("HUB_SECRET_KEY", "too-short", "32"),
    ("HUB_SMTP_URL", "mail.example:587", "unsupported scheme"),
    ("HUB_SMTP_URL", "smtp://hub:pw@mail.example:0", "port"),
    ("HUB_SMS_PROVIDER", "pigeon", "'log' or 'http'"),
    ("HUB_SMS_PROVIDER", "http", "HUB_SMS_HTTP_URL"),
]


@pytest.mark.parametrize(("variable", "value", "reason"), BAD_VALUES)
def test_a_bad_setting_is_one_line_naming_it_and_exit_2(tmp_path, variable, value, reason):
    lines = assert_refused(run_hub("migrate", storage=tmp_path, **{variable: value}), variable)
    assert len(lines) == 1, lines
    assert reason in lines[0], lines[0]
    assert not (tmp_path / "hub.sqlite3").exists(), "nothing may have started"


@pytest.mark.parametrize(
    "command",
    [
        ["serve"],
        ["migrate"],
        ["seed-demo"],
        ["worker"],
        ["recompute-clocks"],
        ["token", "--role", "window"],
        ["export-schema"],
        ["check-config"],
    ],
)
def test_every_command_refuses_a_bad_setting(tmp_path, command):
    result = run_hub(*command, storage=tmp_path, HUB_DATABASE_URL="postgres:/hub")
    assert_refused(result, "HUB_DATABASE_URL")


@pytest.mark.parametrize("port", ["0", "65536"])
def test_serve_refuses_a_port_out_of_range(tmp_path, port):
    result = run_hub("serve", "--port", port, storage=tmp_path)
    assert result.returncode == 2
    assert "Invalid value for '--port'" in result.stderr
    assert not (tmp_path / "hub.sqlite3").exists()


def test_each_bad_setting_gets_its_own_line(tmp_path):
    result = run_hub("check-config", storage=tmp_path, HUB_PDF="on", HUB_TIMEZONE="Mars/Base")
    lines = assert_refused(result, "HUB_PDF")
    assert len(lines) == 2 and any("HUB_TIMEZONE:" in line for line in lines), lines


def test_a_password_in_a_bad_url_is_not_printed(tmp_path):
    result = run_hub(
        "migrate", storage=tmp_path, HUB_DATABASE_URL="postgres://hub:s3cr3t-pw@db:0/hub"
    )
    assert_refused(result, "HUB_DATABASE_URL")
    assert "s3cr3t-pw" not in result.stderr


def test_an_empty_optional_setting_means_unset(tmp_path):
    result = run_hub("check-config", storage=tmp_path, HUB_DATABASE_URL="", HUB_REDIS_URL="")
    assert result.returncode == 0, result.stderr
    assert f"HUB_DATABASE_URL=sqlite://{tmp_path / 'hub.sqlite3'}" in result.stdout.splitlines()
    assert "HUB_REDIS_URL=(unset)" in result.stdout.splitlines()


def test_check_config_prints_every_setting_with_secrets_hidden(tmp_path):
    secrets = {
        "HUB_SECRET_KEY": "an-operator-secret-key-of-48-bytes-0123456789abc",
        "HUB_S3_SECRET_KEY": "minio-secret-value",
        "HUB_LICENCE_HTTP_API_KEY": "licence-api-key-value",
        "HUB_APPROVALS_HTTP_API_KEY": "approvals-api-key-value",
        "HUB_SMS_HTTP_TOKEN": "sms-gateway-token-value",
    }
    result = run_hub(
        "check-config",
        storage=tmp_path,
        HUB_DATABASE_URL="postgres://hub:db-password@db:5432/hub",
        HUB_REDIS_URL="redis://:redis-password@redis:6379/0",
        HUB_S3_ENDPOINT="minio:9000",
        HUB_S3_ACCESS_KEY="hub",
        HUB_LICENCE_PROVIDER="http",
        HUB_LICENCE_HTTP_BASE_URL="https://user:api-password@licences.example/v1",
        HUB_APPROVALS_PROVIDER="http",
        HUB_APPROVALS_HTTP_BASE_URL="https://gjxt:gjxt-password@gjxt.example/api",
        HUB_PDF="off",
        HUB_SMTP_URL="smtp://hub:smtp-password@mail.example:587",
        **secrets,
    )
    assert result.returncode == 0, result.stderr
    printed = dict(line.split("=", 1) for line in result.stdout.splitlines())
    assert set(printed) == {f"HUB_{name.upper()}" for name in Settings.model_fields}
    for name in secrets:
        assert printed[name] == "(set, hidden)"
    hidden_values = ["db-password", "redis-password", "api-password", "gjxt-password"]
    hidden_values += ["smtp-password"]
    for hidden in [*secrets.values(), *hidden_values]:
        assert hidden not in result.stdout
    assert printed["HUB_DATABASE_URL"] == "postgres://hub:***@db:5432/hub"
    assert printed["HUB_REDIS_URL"] == "redis://:***@redis:6379/0"
    assert printed["HUB_SMTP_URL"] == "smtp://hub:***@mail.example:587"
    assert printed["HUB_PDF"] == "off"
    assert printed["HUB_S3_SECURE"] == "true"
    assert printed["HUB_LICENCE_HTTP_API_KEY_HEADER"] == "X-API-Key"
    assert printed["HUB_APPROVALS_HTTP_BASE_URL"] == "https://gjxt:***@gjxt.example/api"


def test_check_config_says_where_the_generated_secret_lives_without_making_it(tmp_path):
    result = run_hub("check-config", storage=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"HUB_SECRET_KEY=(generated: {tmp_path / 'secret_key'})" in result.stdout.splitlines()
    assert not (tmp_path / "secret_key").exists()
