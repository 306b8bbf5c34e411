"""Document rows: each notice is created PENDING (a job renders it) and new versions supersede
old ones, which stay retrievable."""

from __future__ import annotations

import secrets

from hub import clock
from hub.enums import DocumentKind
from hub.models import Case, Document, Ticket


def new_verification_code() -> str:
    return secrets.token_hex(12)


async def issue_document(
    case: Case, kind: DocumentKind, *, ticket: Ticket | None = None
) -> Document:
    """A new PENDING version of the case's (or ticket's) notice of this kind."""
    current = Document.filter(case=case, kind=kind, ticket=ticket, superseded_at=None)
    previous = await current.order_by("-version").first()
    await current.update(superseded_at=clock.now())
    return await Document.create(
        case=case,
        ticket=ticket,
        kind=kind,
        version=(previous.version + 1) if previous else 1,
        verification_code=new_verification_code(),
    )
