"""Migration 0018 marks the cases accepted before it zero-material as hub/materials/figures.py
decides (nothing of the filing uploaded), and gives each result form its ticket's utility."""

from __future__ import annotations

import importlib

from tortoise import connections

from hub.devtools.bulk_seed import seed_cases
from hub.enums import MaterialSource
from hub.materials.queries import is_zero_material
from hub.models import Case, Material, ResultFeedback, Ticket

migration = importlib.import_module("hub.migrations.0018_figures_columns")


async def test_cases_and_results_from_before_get_their_figures_columns(database):
    await seed_cases(16)
    accepted = await Case.filter(accepted_at__isnull=False).order_by("case_no")
    assert len(accepted) >= 2
    licensed = accepted[0]  # its filing as pulled e-licences: zero-material
    await Material.filter(case_id=licensed.id).update(source=MaterialSource.E_LICENCE)
    await Case.all().update(zero_material_accepted=None)
    await ResultFeedback.all().update(utility=None)

    conn = connections.get("default")
    await conn.execute_script(migration.MARK_ACCEPTED_CASES)
    await conn.execute_script(migration.COPY_RESULT_UTILITIES)

    for case in accepted:
        await case.refresh_from_db()
        assert case.zero_material_accepted is (await is_zero_material(case))
    assert [c.zero_material_accepted for c in accepted[:2]] == [True, False]
    unaccepted = await Case.filter(accepted_at=None).values_list(
        "zero_material_accepted", flat=True
    )
    assert set(unaccepted) <= {None}
    results = await ResultFeedback.all().values("ticket_id", "utility")
    assert results
    tickets = dict(await Ticket.all().values_list("id", "utility"))
    assert all(r["utility"] == tickets[r["ticket_id"]] for r in results)
