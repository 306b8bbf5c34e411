"""Settings from the environment (names fixed by API.md); nothing set means the embedded default."""

from __future__ import annotations

import os
import secrets
from functools import cache
from pathlib import Path

import limits
from pydantic import ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

MIN_SECRET_KEY_BYTES = 32  # HS256 wants a key at least as long as its 256-bit hash
MIN_AUDIT_RETENTION_DAYS = 180  # 网络安全法第二十一条: network logs kept six months at least


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HUB_", extra="ignore")

    storage_dir: Path = Path("storage")
    database_url: str | None = None
    # How long a request waits for a lock another connection holds (SQLite busy_timeout,
    # PostgreSQL lock_timeout) and, on PostgreSQL, for any one statement, before it is
    # UPSTREAM_UNAVAILABLE; 0 waits for ever.
    database_lock_timeout_seconds: float = 5.0
    database_statement_timeout_seconds: float = 30.0
    redis_url: str | None = None
    s3_endpoint: str | None = None
    s3_access_key: str | None = None
    s3_secret_key: str | None = None
    s3_bucket: str = "hub"
    s3_secure: bool = True
    s3_region: str | None = None
    s3_public_endpoint: str | None = None  # where clients reach the store (presigned URLs)
    licence_provider: str = "simulated"
    licence_registry: Path | None = None
    licence_reuse_days: int = 30  # a licence pulled this recently for the enterprise is reused
    licence_http_base_url: str | None = None
    licence_http_api_key: str | None = None
    licence_http_api_key_header: str = "X-API-Key"
    licence_http_timeout: float = 3.0
    licence_http_retries: int = 2
    licence_http_breaker_threshold: int = 5
    licence_http_breaker_reset: float = 30.0
    licence_http_file_field: str | None = None
    secret_key: str | None = None
    public_url: str = "http://127.0.0.1:8000"
    timezone: str = "Asia/Shanghai"
    token_ttl_seconds: int = 3600
    token_max_ttl_seconds: int = 86400  # no token is issued or accepted for longer than this
    upload_ttl_seconds: int = 900
    max_upload_bytes: int = 50 * 1024 * 1024
    # Any other request body (GraphQL above all) over this many bytes is refused with 413 while
    # it arrives, before it is parsed; PUT /uploads/{id} has max_upload_bytes instead.
    max_request_bytes: int = 1024 * 1024
    # Browser origins allowed to call the API (comma-separated, e.g. "https://a.example,
    # https://b.example"); empty: no CORS headers at all.
    cors_origins: str = ""
    pdf: str = "auto"  # auto: a PDF beside each DOCX when LibreOffice is installed; off: none
    soffice: str = "soffice"
    pdf_timeout_seconds: float = 60.0
    pdf_concurrency: int = 2
    document_url_ttl_seconds: int = 300
    job_retry_base_seconds: float = 1.0  # backoff of a failing job: 1, 4, 16 s ...
    events_queue_size: int = 1000  # events a subscriber may lag behind before it is closed (4429)
    events_poll_seconds: float = 2.0  # brokers also read new events this often (lost wake-ups)
    ws_init_timeout_seconds: float = 10.0  # a WebSocket must send connection_init by then
    ws_max_subscriptions: int = 5  # operations running at once on one WebSocket
    webhook_allow_private: bool = False  # may receivers be on non-public addresses?
    webhook_retry_base_seconds: float = 10.0  # webhook backoff: 10 s, 30 s, 2 min, 10 min, 1 h ...
    webhook_retry_cap_seconds: float = 6 * 3600  # longest wait between two attempts
    webhook_max_attempts: int = 8  # attempts (per manual redelivery) before a delivery FAILS
    webhook_timeout_seconds: float = 10.0  # one POST, connecting included
    webhook_secret_grace_seconds: int = 86400  # the old secret still signs after a rotation
    # Refused before it runs above this estimate (hub/schema/query_cost.py): the suite's biggest
    # query, a page of 100 cases with everything nested, costs 24,501.
    max_query_cost: int = 30_000
    # Off only to measure what the protections cost (bench/protection_bench.py): the app and the
    # schema leave out rate limits (and the other abuse protections) when false.
    protections_enabled: bool = True
    rate_limit: str = "600/minute"  # requests per token, or per client address without one
    rate_limit_auth_failures: str = "30/minute"  # requests with a bad token, per client address
    # Audit entries older than this are removed (hub/audit/retention.py); 0 keeps them for ever.
    # The Cybersecurity Law (art. 21) asks for at least six months of network logs.
    audit_retention_days: int = 0

    @field_validator("audit_retention_days")
    @classmethod
    def _six_months_at_least(cls, value: int) -> int:
        if value != 0 and value < MIN_AUDIT_RETENTION_DAYS:
            raise ValueError(
                f"审计日志至少保留 {MIN_AUDIT_RETENTION_DAYS} 天，0 表示永久保留 "
                f"(keep the audit log {MIN_AUDIT_RETENTION_DAYS} days at least; 0: for ever)"
            )
        return value

    @field_validator("rate_limit", "rate_limit_auth_failures")
    @classmethod
    def _a_rate(cls, value: str) -> str:
        try:
            allowed = limits.parse(value).amount
        except ValueError:
            allowed = 0
        if allowed < 1:
            raise ValueError(f"expected a rate such as 600/minute, got {value!r}")
        return value

    @field_validator("secret_key")
    @classmethod
    def _long_enough(cls, value: str | None) -> str | None:
        if value is not None and len(value.encode()) < MIN_SECRET_KEY_BYTES:
            raise ValueError(secret_key_too_short(len(value.encode())))
        return value

    @model_validator(mode="after")
    def _default_lifetime_within_the_maximum(self) -> Settings:
        if self.token_ttl_seconds > self.token_max_ttl_seconds:
            raise ValueError(
                f"HUB_TOKEN_TTL_SECONDS 超过了 HUB_TOKEN_MAX_TTL_SECONDS "
                f"(HUB_TOKEN_TTL_SECONDS {self.token_ttl_seconds} is longer than "
                f"HUB_TOKEN_MAX_TTL_SECONDS {self.token_max_ttl_seconds})"
            )
        return self

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite://{self.storage_dir / 'hub.sqlite3'}"

    @property
    def cors_origin_list(self) -> list[str]:
        return [origin.strip() for origin in self.cors_origins.split(",") if origin.strip()]

    @property
    def objects_dir(self) -> Path:
        return self.storage_dir / "objects"

    @property
    def effective_secret_key(self) -> str:
        """HUB_SECRET_KEY, or one generated once into storage/ for the embedded default."""
        return self.secret_key or _stored_secret(self.storage_dir / "secret_key")


def secret_key_too_short(length: int) -> str:
    return (
        f"密钥太短：{length} 字节，至少需要 {MIN_SECRET_KEY_BYTES} 字节 "
        f"(too short: {length} bytes, at least {MIN_SECRET_KEY_BYTES} are required; "
        "generate one with `openssl rand -base64 48`)"
    )


@cache
def _stored_secret(path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:  # created readable by the owner only, and by one process only
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


class SettingsError(ValueError):
    """A HUB_* variable holds a value the hub refuses to start with."""


def _problem(error: dict) -> str:
    message = error["msg"].removeprefix("Value error, ")
    if not error["loc"]:  # a rule across several settings names them itself
        return message
    return f"HUB_{'_'.join(map(str, error['loc'])).upper()}: {message}"


@cache
def get_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as error:
        # Only the messages: pydantic's own text would repeat the input (a secret key, say).
        problems = error.errors(include_input=False, include_url=False)
        raise SettingsError("; ".join(map(_problem, problems))) from None
