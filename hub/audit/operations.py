"""One audit entry per state-changing operation (every GraphQL mutation): action, who, on which
object, from which address, with what outcome.

While an operation runs, its entry waits: the first transaction it commits carries it (written
just before that commit, so the change and its entry land together). An operation that fails
changed nothing: its entry is written afterwards in a transaction of its own; so is the entry
of one that succeeded without a transaction (or failed after one committed).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from contextvars import ContextVar
from uuid import UUID

from hub.audit.objects import case_of
from hub.audit.record import add_entries, new_entry
from hub.auth.principal import Principal
from hub.models import AuditEntry
from hub.transactions import before_each_commit

_current: ContextVar[OperationAudit | None] = ContextVar("operation_audit", default=None)


class OperationAudit:
    def __init__(
        self,
        action: str,
        *,
        who: Principal | None,
        address: str | None,
        objects: dict[str, str],
        arguments: list[str],
    ) -> None:
        self.action, self.who, self.address = action, who, address
        self.objects = objects  # object kind → id, from the arguments ("Case" → its id, ...)
        self.arguments = arguments  # names only: values may hold personal data
        self.case_id: UUID | str | None = None
        self.subject: str | None = None
        self._task = asyncio.current_task()
        self._written = self._closed = False

    def note(self, *, case_id: UUID | str | None = None, subject: str | None = None) -> None:
        """The object an operation created, known only once it runs."""
        self.case_id = case_id if case_id is not None else self.case_id
        self.subject = subject if subject is not None else self.subject

    async def _entry(self, outcome: str) -> AuditEntry:
        kind, ident = next(iter(self.objects.items()), (None, None))
        subject = self.subject or (f"{kind}:{ident}" if kind else None)
        case_id = self.case_id or await case_of(self.objects)
        return new_entry(
            action=self.action,
            who=self.who,
            case_id=case_id,
            subject=subject,
            outcome=outcome,
            address=self.address,
            details={"arguments": self.arguments},
            on_behalf=bool(self.who and self.who.acts_on_behalf_of_applicant and case_id),
        )

    async def _before_commit(self) -> None:
        # Tasks the operation starts (jobs after its commit) inherit this hook: not theirs.
        if self._written or self._closed or asyncio.current_task() is not self._task:
            return
        self._written = True
        await add_entries([await self._entry("OK")])

    async def finish(self, outcome: str) -> None:
        """Once the operation has run: its entry, unless a committed change carried it."""
        self._closed = True
        if self._written and outcome == "OK":
            return
        await add_entries([await self._entry(outcome)])

    @contextlib.contextmanager
    def running(self) -> Iterator[OperationAudit]:
        token = _current.set(self)
        try:
            with before_each_commit(self._before_commit):
                yield self
        finally:
            _current.reset(token)


@contextlib.asynccontextmanager
async def audited_command(action: str, *, who: Principal) -> AsyncIterator[OperationAudit]:
    """A state-changing command run outside GraphQL (the command line), audited like a
    mutation; its outcome is OK or the code of the hub error it raised (else INTERNAL)."""
    operation = OperationAudit(action, who=who, address=None, objects={}, arguments=[])
    with operation.running():
        try:
            yield operation
        except Exception as error:
            await operation.finish(getattr(error, "code", "INTERNAL"))
            raise
        await operation.finish("OK")


def note_audited_object(*, case_id: UUID | str | None = None, subject: str | None = None) -> None:
    """For services that create an object: names it in the running operation's audit entry."""
    operation = _current.get()
    if operation is not None:
        operation.note(case_id=case_id, subject=subject)
