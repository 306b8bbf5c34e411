"""Errors a client sees, each with the `extensions.code` of API.md. Messages are Chinese first."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


class HubError(Exception):
    code = "INTERNAL"

    def __init__(self, message: str, **extra: object) -> None:
        super().__init__(message)
        self.message = message
        self.extensions: dict[str, object] = {"code": self.code, **extra}


class Unauthenticated(HubError):
    code = "UNAUTHENTICATED"


class Forbidden(HubError):
    code = "FORBIDDEN"


class NotFound(HubError):
    code = "NOT_FOUND"


class InvalidState(HubError):
    code = "INVALID_STATE"


class Conflict(HubError):
    code = "CONFLICT"


class ConsentRequired(HubError):
    code = "CONSENT_REQUIRED"


class UpstreamUnavailable(HubError):
    code = "UPSTREAM_UNAVAILABLE"


class PayloadTooLarge(HubError):
    code = "PAYLOAD_TOO_LARGE"


class UnsupportedMediaType(HubError):
    code = "UNSUPPORTED_MEDIA_TYPE"


class RateLimited(HubError):
    code = "RATE_LIMITED"

    def __init__(self, retry_after: int) -> None:
        super().__init__("请求过于频繁，请稍后再试 (rate limited)", retryAfter=retry_after)


class MissingMaterials(HubError):
    code = "MISSING_MATERIALS"

    def __init__(self, requirements: list[tuple[str, str]]) -> None:
        titles = "、".join(title for _, title in requirements)
        super().__init__(
            f"材料不齐，缺少：{titles} (missing materials)",
            requirements=[code for code, _ in requirements],
        )


@dataclass(frozen=True)
class FieldProblem:
    path: str
    message: str


class BadUserInput(HubError):
    code = "BAD_USER_INPUT"

    def __init__(self, problems: Iterable[FieldProblem]) -> None:
        problems = list(problems)
        summary = "；".join(f"{p.path}: {p.message}" for p in problems)
        super().__init__(
            f"输入有误：{summary}",
            fields=[{"path": p.path, "message": p.message} for p in problems],
        )

    @classmethod
    def one(cls, path: str, message: str) -> BadUserInput:
        return cls([FieldProblem(path, message)])


class ProblemCollector:
    """Gathers every problem of an input so the client hears of all of them at once."""

    def __init__(self) -> None:
        self.problems: list[FieldProblem] = []

    def add(self, path: str, message: str) -> None:
        self.problems.append(FieldProblem(path, message))

    def check(self, ok: bool, path: str, message: str) -> None:
        if not ok:
            self.add(path, message)

    def raise_if_any(self) -> None:
        if self.problems:
            raise BadUserInput(self.problems)
