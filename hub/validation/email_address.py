"""E-mail addresses the hub will write to (the applicant's contactEmail): syntax only, by
email-validator (RFC 5321/5322, internationalised domains), no DNS look-up."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

MAX_LENGTH = 254


def normalized_email(value: str) -> str:
    """The address as it will be stored and used; ValueError when it is not one."""
    try:
        return validate_email(value.strip(), check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise ValueError(str(exc)) from None


def email_problem(value: str) -> str | None:
    """None for a good address, else why not (Chinese, then the library's English)."""
    if len(value.strip()) > MAX_LENGTH:
        return f"电子邮箱不能超过 {MAX_LENGTH} 个字符 (at most {MAX_LENGTH} characters)"
    try:
        normalized_email(value)
    except ValueError as exc:
        return f"电子邮箱地址无效 ({exc})"
    return None


def mask_email(address: str) -> str:
    """The first character of the local part and the domain: z***@example.com."""
    local, at, domain = address.rpartition("@")
    if not at:
        return "***"
    return f"{local[:1]}***@{domain}"
