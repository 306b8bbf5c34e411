"""Writers racing on PostgreSQL (several pooled connections) still make one unbroken chain: each
takes the chain lock before it reads the head."""

from __future__ import annotations

import asyncio

from hub.audit import chain
from hub.models import AuditEntry, Case, WebhookEndpoint
from tests.api import CREATE
from tests.factories import ADMIN, APPLICANT, WINDOW, application
from tests.webhooks.support import REGISTER

ROUNDS = 12


async def test_concurrent_mutations_keep_one_valid_chain(postgres_api):
    api = postgres_api

    async def create(token: str) -> None:
        await api.ok(CREATE, {"input": application()}, token)

    async def register(n: int) -> None:
        hook = {"utility": "GAS", "url": f"https://portal{n}.example/hook", "eventTypes": []}
        await api.ok(REGISTER, {"input": hook}, ADMIN)

    async def refused() -> None:
        await api.error(CREATE, {"input": application(utilities=())}, WINDOW)

    await asyncio.gather(
        *(create(APPLICANT if n % 2 else WINDOW) for n in range(ROUNDS)),
        *(register(n) for n in range(ROUNDS)),
        *(refused() for _ in range(ROUNDS)),
    )

    result = await chain.verify()
    assert result.intact, result.problem
    seqs = await AuditEntry.all().order_by("seq").values_list("seq", flat=True)
    assert seqs == list(range(1, 3 * ROUNDS + 1))
    assert await Case.all().count() == await WebhookEndpoint.all().count() == ROUNDS
    outcomes = await AuditEntry.filter(action="createApplication").values_list("outcome", flat=True)
    assert sorted(outcomes) == ["BAD_USER_INPUT"] * ROUNDS + ["OK"] * ROUNDS
