"""Migration 0016 times the replies issued before it as issue_consolidated_reply now does:
working days from acceptance (across the May Day holiday here) and on time by the deadline."""

from __future__ import annotations

import importlib
from datetime import UTC
from decimal import Decimal

from hub import models
from hub.devtools.bulk_seed import seed_cases
from hub.enums import CaseStatus
from hub.models import Case
from tests.factories import at

migration = importlib.import_module("hub.migrations.0017_reply_figures")


class Apps:
    def get_model(self, name: str):
        return getattr(models, name.split(".")[1])


async def test_replies_issued_before_get_their_working_time(database):
    await seed_cases(16)
    replied = await Case.filter(status=CaseStatus.REPLIED).order_by("case_no")
    assert len(replied) >= 2
    late, early = replied[0], replied[1]
    for case, due in ((late, at(2026, 5, 6, 9, 0)), (early, at(2026, 5, 6, 11, 0))):
        await Case.filter(id=case.id).update(
            accepted_at=at(2026, 4, 30, 10, 15).astimezone(UTC),
            replied_at=at(2026, 5, 6, 10, 15).astimezone(UTC),
            reply_due_at=due.astimezone(UTC),
            reply_working_days=None,
            reply_on_time=None,
        )

    await migration.time_replies_already_issued(Apps(), None)

    for case, on_time in ((late, False), (early, True)):
        await case.refresh_from_db()
        assert case.reply_working_days == Decimal("1")
        assert case.reply_on_time is on_time
    unreplied = await Case.filter(replied_at=None).values_list("reply_working_days", flat=True)
    assert set(unreplied) == {None}
