"""Settings from the environment (names fixed by API.md); nothing set means the embedded default."""

from __future__ import annotations

import os
import secrets
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

import limits
from pydantic import (
    Field,
    FilePath,
    NonNegativeFloat,
    NonNegativeInt,
    PositiveFloat,
    PositiveInt,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict

from hub.setting_types import (
    BucketName,
    DatabaseUrl,
    Origins,
    RedisUrl,
    SmtpUrl,
    StoreEndpoint,
    TimeZoneName,
    WebUrl,
    mask_url,
)

MIN_SECRET_KEY_BYTES = 32  # HS256 wants a key at least as long as its 256-bit hash
# Shown by `hub check-config` as set or not, never their value.
SECRET_SETTINGS = frozenset(
    {
        "secret_key",
        "s3_secret_key",
        "licence_http_api_key",
        "approvals_http_api_key",
        "demo_password",
        "oidc_client_secret",
        "smtp_url",
        "sms_http_token",
    }
)
DEFAULT_DEMO_PASSWORD = "Demo-Password-2026"  # of `hub seed-demo`'s accounts (API.md)

# Shown with any password in them masked.
_URL_SETTINGS = (
    "database_url",
    "redis_url",
    "licence_http_base_url",
    "approvals_http_base_url",
    "public_url",
    "oidc_issuer",
    "oidc_return_url",
)

MIN_AUDIT_RETENTION_DAYS = 180  # 网络安全法第二十一条: network logs kept six months at least
# Secret only for their password: `hub check-config` shows them with the password as ***.
URLS_WITH_PASSWORDS = frozenset({"database_url", "redis_url", "smtp_url"})


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HUB_", extra="ignore")

    storage_dir: Path = Path("storage")
    database_url: DatabaseUrl | None = None
    # How long a request waits for a lock another connection holds (SQLite busy_timeout,
    # PostgreSQL lock_timeout) and, on PostgreSQL, for any one statement, before it is
    # UPSTREAM_UNAVAILABLE; 0 waits for ever.
    database_lock_timeout_seconds: NonNegativeFloat = 5.0
    database_statement_timeout_seconds: NonNegativeFloat = 30.0
    redis_url: RedisUrl | None = None
    s3_endpoint: StoreEndpoint | None = None
    s3_access_key: str | None = None
    s3_secret_key: str | None = None
    s3_bucket: BucketName = "hub"
    s3_secure: bool = True
    s3_region: str | None = None
    s3_public_endpoint: StoreEndpoint | None = None  # where clients reach the store (presigned)
    licence_provider: Literal["simulated", "http"] = "simulated"
    licence_registry: FilePath | None = None
    licence_reuse_days: NonNegativeInt = 30  # a licence pulled this recently is reused
    licence_http_base_url: WebUrl | None = None
    licence_http_api_key: str | None = None
    licence_http_api_key_header: str = "X-API-Key"
    licence_http_timeout: PositiveFloat = 3.0
    licence_http_retries: NonNegativeInt = 2
    licence_http_breaker_threshold: PositiveInt = 5
    licence_http_breaker_reset: PositiveFloat = 30.0
    licence_http_file_field: str | None = None
    approvals_provider: Literal["simulated", "http"] = "simulated"
    approvals_registry: FilePath | None = None
    approvals_http_base_url: WebUrl | None = None
    approvals_http_api_key: str | None = None
    approvals_http_api_key_header: str = "X-API-Key"
    approvals_http_timeout: PositiveFloat = 3.0
    approvals_http_retries: NonNegativeInt = 2
    approvals_http_breaker_threshold: PositiveInt = 5
    approvals_http_breaker_reset: PositiveFloat = 30.0
    secret_key: str | None = None
    public_url: WebUrl = "http://127.0.0.1:8000"
    timezone: TimeZoneName = "Asia/Shanghai"
    token_ttl_seconds: PositiveInt = 3600
    # A session lasts this long; no `hub token` is issued or accepted for longer either.
    session_ttl_seconds: PositiveInt = 28800
    demo_password: str = DEFAULT_DEMO_PASSWORD  # `hub seed-demo` creates its accounts with it
    upload_ttl_seconds: PositiveInt = 900
    max_upload_bytes: PositiveInt = 50 * 1024 * 1024
    # Any other request body (GraphQL above all) over this many bytes is refused with 413 while
    # it arrives, before it is parsed; PUT /uploads/{id} has max_upload_bytes instead.
    max_request_bytes: PositiveInt = 1024 * 1024
    # Browser origins allowed to call the API (comma-separated, e.g. "https://a.example,
    # https://b.example"); empty: no CORS headers at all.
    cors_origins: Origins = ""
    pdf: Literal["auto", "off"] = "auto"  # auto: a PDF beside each DOCX when soffice is found
    soffice: str = "soffice"
    pdf_timeout_seconds: PositiveFloat = 60.0
    pdf_concurrency: PositiveInt = 2
    document_url_ttl_seconds: PositiveInt = 300
    job_retry_base_seconds: PositiveFloat = 1.0  # backoff of a failing job: 1, 4, 16 s ...
    # Longest a queued job may run; a dead worker's job goes to another 10 s after it. 0: the
    # longest step's own timeout (PDF, webhook, notification, statement) + 30 s.
    job_timeout_seconds: NonNegativeFloat = 0.0
    events_queue_size: PositiveInt = 1000  # events a subscriber may lag behind before 4429
    events_poll_seconds: PositiveFloat = 2.0  # brokers also read new events this often
    ws_init_timeout_seconds: PositiveFloat = 10.0  # a WebSocket must send connection_init by then
    ws_max_subscriptions: PositiveInt = 5  # operations running at once on one WebSocket
    webhook_allow_private: bool = False  # may receivers be on non-public addresses?
    webhook_retry_base_seconds: PositiveFloat = 10.0  # webhook backoff: 10 s, 30 s, 2 min ...
    webhook_retry_cap_seconds: PositiveFloat = 6 * 3600  # longest wait between two attempts
    webhook_max_attempts: PositiveInt = 8  # attempts (per manual redelivery) before FAILED
    webhook_timeout_seconds: PositiveFloat = 10.0  # one POST, connecting included
    webhook_secret_grace_seconds: NonNegativeInt = 86400  # the old secret still signs this long
    # Notifications (hub/notifications/): e-mail off while HUB_SMTP_URL is unset.
    smtp_url: SmtpUrl | None = None
    mail_from: str = "noreply@localhost"
    sms_provider: Literal["log", "http"] = "log"
    sms_http_url: WebUrl | None = None
    sms_http_token: str | None = None
    notify_timeout_seconds: PositiveFloat = 10.0  # one SMTP session or SMS request
    notify_retry_base_seconds: PositiveFloat = 10.0  # backoff: 10 s, 30 s, 2 min ...
    notify_retry_cap_seconds: PositiveFloat = 3600.0
    notify_max_attempts: PositiveInt = 8  # attempts before FAILED
    notify_breaker_threshold: PositiveInt = 5  # consecutive failures that open the breaker
    notify_breaker_reset: PositiveFloat = 30.0  # seconds open before one probe
    # Refused before it runs above this estimate (hub/schema/query_cost.py): the suite's biggest
    # query, a page of 100 cases with everything nested, costs 24,501.
    max_query_cost: PositiveInt = 30_000
    # Off only to measure what the protections cost (bench/protection_bench.py): the app and the
    # schema leave out rate limits (and the other abuse protections) when false.
    protections_enabled: bool = True
    # Only documents registered with `hub operations add` run (hub/persisted_operations/).
    persisted_only: bool = False
    apq_cache_size: PositiveInt = 1000  # documents remembered by automatic persisted queries
    apq_ttl_seconds: PositiveInt = 86400  # in Redis, forgotten this long after it was last sent
    rate_limit: str = "600/minute"  # requests per token, or per client address without one
    rate_limit_auth_failures: str = "30/minute"  # requests with a bad token, per client address
    # `hub worker` serves its metrics (GET /metrics) here; port 0: not at all.
    worker_metrics_host: str = "127.0.0.1"
    worker_metrics_port: Annotated[int, Field(ge=0, le=65535)] = 9101
    # Single sign-on (hub/accounts/oidc.py): the OpenID provider's issuer (its discovery document
    # is at {issuer}/.well-known/openid-configuration) and the hub's client there; all or none.
    oidc_issuer: WebUrl | None = None
    oidc_client_id: str | None = None
    oidc_client_secret: str | None = None
    # Where the browser goes after /auth/oidc/callback, the session secret (or the error) in the
    # address's fragment; unset: the hub's own page {public_url}/auth/oidc/signed-in.
    oidc_return_url: WebUrl | None = None
    # One JSON object per line on stderr; `console` for people; `auto`: console on a terminal.
    log_format: Literal["json", "console", "auto"] = "auto"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    # Audit entries older than this are removed (hub/audit/retention.py); 0 keeps them for ever.
    # The Cybersecurity Law (art. 21) asks for at least six months of network logs.
    audit_retention_days: NonNegativeInt = 0

    @field_validator("log_format", mode="before")
    @classmethod
    def _format_in_any_case(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("log_level", mode="before")
    @classmethod
    def _level_in_any_case(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("*", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: Any, info: ValidationInfo) -> Any:
        """`HUB_X=` (compose's `${X:-}`, say) means the default, as if it were not set."""
        if value == "" and cls.model_fields[info.field_name].default is None:
            return None
        return value

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
    def _settings_that_go_together(self) -> Settings:
        problems = []
        if self.token_ttl_seconds > self.session_ttl_seconds:
            problems.append(
                f"HUB_TOKEN_TTL_SECONDS 超过了 HUB_SESSION_TTL_SECONDS "
                f"(HUB_TOKEN_TTL_SECONDS {self.token_ttl_seconds} is longer than "
                f"HUB_SESSION_TTL_SECONDS {self.session_ttl_seconds})"
            )
        if self.licence_provider == "http" and not self.licence_http_base_url:
            problems.append(
                "HUB_LICENCE_PROVIDER: http 需要 HUB_LICENCE_HTTP_BASE_URL "
                "(the http provider needs HUB_LICENCE_HTTP_BASE_URL)"
            )
        if self.approvals_provider == "http" and not self.approvals_http_base_url:
            problems.append(
                "HUB_APPROVALS_PROVIDER: http 需要 HUB_APPROVALS_HTTP_BASE_URL "
                "(the http provider needs HUB_APPROVALS_HTTP_BASE_URL)"
            )
        if self.sms_provider == "http" and not self.sms_http_url:
            problems.append(
                "HUB_SMS_PROVIDER: http 需要 HUB_SMS_HTTP_URL "
                "(the http SMS provider needs HUB_SMS_HTTP_URL)"
            )
        if self.s3_endpoint and not (self.s3_access_key and self.s3_secret_key):
            problems.append(
                "HUB_S3_ENDPOINT: 需要 HUB_S3_ACCESS_KEY 和 HUB_S3_SECRET_KEY "
                "(S3 needs HUB_S3_ACCESS_KEY and HUB_S3_SECRET_KEY)"
            )
        oidc = {"HUB_OIDC_ISSUER": self.oidc_issuer, "HUB_OIDC_CLIENT_ID": self.oidc_client_id}
        oidc["HUB_OIDC_CLIENT_SECRET"] = self.oidc_client_secret
        if any(oidc.values()) and not all(oidc.values()):
            missing = ", ".join(name for name, value in oidc.items() if not value)
            problems.append(
                f"单点登录需要同时设置 {missing} (single sign-on needs all of HUB_OIDC_ISSUER, "
                f"HUB_OIDC_CLIENT_ID and HUB_OIDC_CLIENT_SECRET; missing: {missing})"
            )
        if problems:
            raise ValueError("\n".join(problems))
        return self

    def effective_view(self) -> dict[str, str]:
        """Every setting as the hub uses it, by variable name, secrets hidden (check-config)."""
        view = {}
        for name in type(self).model_fields:
            value = getattr(self, name)
            if name == "database_url":
                value = self.effective_database_url
            if name == "secret_key" and value is None:
                shown = f"(generated: {self.storage_dir / 'secret_key'})"
            elif name in URLS_WITH_PASSWORDS and value is not None:
                shown = mask_url(value)
            elif name in SECRET_SETTINGS:
                shown = "(unset)" if value is None else "(set, hidden)"
            elif value is None:
                shown = "(unset)"
            elif name in _URL_SETTINGS:
                shown = mask_url(value)
            else:
                shown = str(value).lower() if isinstance(value, bool) else str(value)
            view[f"HUB_{name.upper()}"] = shown
        return view

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite://{self.storage_dir / 'hub.sqlite3'}"

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.oidc_issuer and self.oidc_client_id and self.oidc_client_secret)

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


# What a person reads first for pydantic's own errors (its English message follows).
_PROBLEM_KINDS = {
    "literal_error": "不是可选值之一",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_parsing": "应为数字",
    "bool_parsing": "应为 true 或 false",
    "greater_than": "应为正数",
    "greater_than_equal": "不能为负数",
    "path_not_file": "文件不存在",
}


def _problem(error: dict) -> str:
    message = error["msg"].removeprefix("Value error, ")
    if not error["loc"]:  # a rule across several settings names them itself
        return message
    field = str(error["loc"][0])
    if error["type"] in _PROBLEM_KINDS:
        given = error.get("input")
        shown = "" if field in SECRET_SETTINGS or given is None else f", got {str(given)[:80]!r}"
        message = f"{_PROBLEM_KINDS[error['type']]} ({message}{shown})"
    return f"HUB_{field.upper()}: {message}"


@cache
def get_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as error:
        # Our messages never repeat a value that could be secret (a key, a password in a URL).
        problems = error.errors(include_url=False)
        lines = "\n".join(map(_problem, problems))
        raise SettingsError(lines) from None
