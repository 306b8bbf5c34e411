"""The zero-material flag the figures count is written at acceptance, and again when a case
corrected at the utility stage is resubmitted: an upload made for the correction makes it a
case with materials."""

from __future__ import annotations

import time_machine

from hub.models import Case
from tests.api import RESUBMIT, REVIEW
from tests.factories import at, pdf_bytes
from tests.figures.support import Fortnight
from tests.figures.test_figures_api import FIGURES

DAY = {"from": "2026-05-08", "to": "2026-05-08"}


async def test_a_correction_upload_after_acceptance_ends_zero_material(api):
    with time_machine.travel(at(2026, 5, 8, 9, 0), tick=False) as traveller:
        fortnight = Fortnight(api, traveller)
        tokens = fortnight.tokens
        case_id = await fortnight.zero_material_case(at(2026, 5, 8, 9, 0))
        assert (await Case.get(id=case_id)).zero_material_accepted is True
        shown = (await api.ok(FIGURES, DAY, tokens.window))["figures"]
        assert (shown["accepted"], shown["zeroMaterialRate"]) == (1, "1.0000")

        traveller.move_to(at(2026, 5, 8, 9, 30))
        (ticket,) = (await Case.get(id=case_id).prefetch_related("tickets")).tickets
        items = [{"requirementCode": "BUSINESS_LICENCE", "note": "请上传盖章的营业执照复印件"}]
        await api.ok(
            REVIEW,
            {"id": str(ticket.id), "decision": "NEEDS_CORRECTION", "corrections": items},
            fortnight.power,
        )
        await api.upload(tokens.applicant, case_id, "BUSINESS_LICENCE", pdf_bytes("licence"))
        resubmitted = await api.ok(RESUBMIT, {"caseId": case_id}, tokens.applicant)
        assert resubmitted["resubmitApplication"]["status"] == "IN_PROGRESS"

        assert (await Case.get(id=case_id)).zero_material_accepted is False
        shown = (await api.ok(FIGURES, DAY, tokens.window))["figures"]
        assert (shown["accepted"], shown["zeroMaterialRate"]) == (1, "0.0000")
