"""The loaders' fixed statements (hub/row_reads.py) read what the ORM's querysets read: the same
rows, in the same order, as the same model instances, on both databases."""

from __future__ import annotations

from hub.materials.listing import CURRENT_MATERIALS, LISTED_MATERIALS
from hub.models import Case, Document, Material, Ticket
from hub.resolvers.loaders import DOCUMENTS, TICKETS
from hub.row_reads import RowsWhereIn
from tests.factories import accepted_case, submitted_case


def columns(rows) -> list[dict]:
    return [{name: getattr(row, name) for name in row._meta.fields_db_projection} for row in rows]


async def test_fixed_statements_read_what_querysets_read(api):
    first = await accepted_case(api, ("WATER", "POWER", "GAS"))
    second = await submitted_case(api)
    ids = [first["id"], second["id"], "00000000-0000-0000-0000-000000000000"]
    replaced = await Material.filter(case_id=first["id"]).first()
    await Material.filter(id=replaced.id).update(superseded_by_id=replaced.id)

    pairs = [
        (CURRENT_MATERIALS, Material.filter(removed_at=None, superseded_by_id=None), "id"),
        (LISTED_MATERIALS, Material.filter(removed_at=None), "id"),
        (TICKETS, Ticket.all(), "id"),
        (DOCUMENTS, Document.all(), "version"),
    ]
    for read, query, tie in pairs:
        expected = await query.filter(case_id__in=ids).order_by(*read.order_by or ["id"], tie)
        got = await read.fetch(ids)
        if not read.order_by:
            got.sort(key=lambda row: str(row.id))
            expected.sort(key=lambda row: str(row.id))
        assert columns(got) == columns(expected) and got, read.model
        assert all(type(row) is read.model for row in got)
    assert len(await LISTED_MATERIALS.fetch(ids)) == len(await CURRENT_MATERIALS.fetch(ids)) + 1

    by_id = RowsWhereIn(Case, "id")
    cases = sorted(await by_id.fetch(ids), key=lambda row: str(row.id))
    expected = sorted(await Case.filter(id__in=ids), key=lambda row: str(row.id))
    assert columns(cases) == columns(expected) and len(cases) == 2
    assert await by_id.fetch([]) == []
