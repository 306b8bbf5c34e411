"""One small abstract base per capability. Licence look-up: fetch an electronic licence (ID
card, business licence, real-estate title) by its number from a licence service. Project
approvals: fetch a project's approvals by its national project code from the
construction-project approval system (工建系统)."""

from __future__ import annotations

import abc
from dataclasses import dataclass, field
from datetime import date

from hub.enums import LicenceKind


@dataclass(frozen=True)
class LicenceRecord:
    """What the licence service says about one licence, and its electronic file."""

    kind: LicenceKind
    number: str
    holder_name: str  # ID card: the person; business licence: the enterprise; title: holder
    status: str  # VALID, REVOKED or EXPIRED
    issuer: str
    valid_until: date | None
    holder_uscc: str | None = None  # business licence and real-estate title
    details: dict = field(default_factory=dict)  # address, legal representative, area...
    file_pdf: bytes = b""  # the electronic licence file
    request_id: str = ""


class LicenceNotFound(Exception):
    """The service answered: no such licence."""


class LicenceServiceUnavailable(Exception):
    """The service is down, too slow, answered garbage, or the breaker is open."""


class LicenceProvider(abc.ABC):
    name: str

    @abc.abstractmethod
    async def fetch(self, kind: LicenceKind, number: str, *, request_id: str) -> LicenceRecord:
        """The licence, LicenceNotFound, or LicenceServiceUnavailable. `request_id` travels
        with the call (and its retries) for tracing at both ends."""


class ApprovalProvider(abc.ABC):
    """The construction-project approval system (工建系统): a project's approvals by its national
    project code. Records use LicenceRecord: `kind` one of APPROVAL_KINDS, the holder is the
    construction unit (建设单位), `details` carries `project_code` and `issued_on`."""

    name: str

    @abc.abstractmethod
    async def fetch_project(self, project_code: str, *, request_id: str) -> list[LicenceRecord]:
        """Every approval the system holds for the project, each with its file; LicenceNotFound
        when the system does not know the project, or LicenceServiceUnavailable."""
