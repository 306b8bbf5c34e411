"""A fortnight across the 2026 May Day holiday (1-5 May, no working day) with known timings,
built through the API with the test clock. Office sessions 08:30-12:00 and 14:30-17:30, each
half a working day (tests/sla/support.py). POWER-only cases:

- B: received and accepted Tue 28 Apr 08:30; reviewed 09:00, surveyed 09:30, APPROVED at 10:00
  (zero visit, approval and cost), replied 14:30: 0.5 wd; due 0.5 wd after the result, 15:47:09,
  so on time.
- C: accepted Wed 29 Apr 10:15; reviewed 10:30, surveyed 11:00, APPROVED Thu 30 Apr 09:00 (zero
  approval only), replied Thu 16:00: 0.25 -> 1.75, 1.5 wd; due 14:55:43, late.
- A: accepted Thu 30 Apr 10:15; reviewed 16:30 (due 16:00: missed), surveyed Wed 6 May 09:00,
  APPROVED Thu 7 May 10:00 (due 09:00: missed; no zero flag), replied Thu 10:15: 2.0 wd over
  seven calendar days and the holiday; due 15:xx, on time.
- D: filed with the three e-licences (zero-material), accepted Fri 8 May 09:00, nothing since.
- E: submitted Fri 1 May 00:30 local (30 Apr 16:30 UTC: May locally), not accepted.
- F: submitted and accepted Mon 11 May 07:30 local (10 May 23:30 UTC): after the period.
"""

from __future__ import annotations

from hub.connectors import get_licence_provider
from tests.api import ACCEPT, REPLY, RESULT, REVIEW, SUBMIT, SURVEY
from tests.factories import accepted_case_and_tickets, at, draft_case, submitted_case
from tests.sla.support import Tokens, iso

PULL = "mutation($caseId: ID!) { pullLicences(caseId: $caseId) { failures { kind code } } }"


def form(zero_visit: bool, zero_approval: bool, zero_cost: bool) -> dict:
    return {
        "outcome": "APPROVED",
        "externalWorks": False,
        "renovationAdvice": "按图改造",
        "designPlan": "简易设计方案",
        "quoteAmount": "1200.00",
        "zeroVisit": zero_visit,
        "zeroApproval": zero_approval,
        "zeroCost": zero_cost,
    }


class Fortnight:
    def __init__(self, api, traveller) -> None:
        self.api, self.traveller = api, traveller
        self.tokens = Tokens()
        self.power = self.tokens.utility["POWER"]

    async def accepted(self, moment) -> tuple[str, str]:
        self.traveller.move_to(moment)
        case_id, tickets = await accepted_case_and_tickets(
            self.api, ("POWER",), token=self.tokens.applicant, window=self.tokens.window
        )
        return case_id, tickets["POWER"]

    async def review(self, ticket_id: str, moment) -> None:
        self.traveller.move_to(moment)
        await self.api.ok(REVIEW, {"id": ticket_id, "decision": "ELIGIBLE"}, self.power)

    async def survey(self, ticket_id: str, moment) -> None:
        self.traveller.move_to(moment)
        await self.api.ok(SURVEY, {"ids": [ticket_id], "at": iso(moment)}, self.power)

    async def result(self, ticket_id: str, moment, flags: tuple[bool, bool, bool]) -> None:
        self.traveller.move_to(moment)
        await self.api.ok(RESULT, {"id": ticket_id, "input": form(*flags)}, self.power)

    async def reply(self, case_id: str, moment) -> None:
        self.traveller.move_to(moment)
        await self.api.ok(REPLY, {"caseId": case_id}, self.tokens.window)

    async def zero_material_case(self, moment) -> str:
        self.traveller.move_to(moment)
        applicant = self.tokens.applicant
        get_licence_provider.cache_clear()
        case = await draft_case(self.api, ("POWER",), token=applicant, licenceConsent=True)
        pulled = (await self.api.ok(PULL, {"caseId": case["id"]}, applicant))["pullLicences"]
        assert pulled["failures"] == []
        await self.api.ok(SUBMIT, {"caseId": case["id"]}, applicant)
        await self.api.ok(ACCEPT, {"caseId": case["id"]}, self.tokens.window)
        return case["id"]

    async def build(self) -> dict[str, str]:
        """The cases above; their ids by letter."""
        b, b_ticket = await self.accepted(at(2026, 4, 28, 8, 30))
        await self.review(b_ticket, at(2026, 4, 28, 9, 0))
        await self.survey(b_ticket, at(2026, 4, 28, 9, 30))
        await self.result(b_ticket, at(2026, 4, 28, 10, 0), (True, True, True))
        await self.reply(b, at(2026, 4, 28, 14, 30))

        c, c_ticket = await self.accepted(at(2026, 4, 29, 10, 15))
        await self.review(c_ticket, at(2026, 4, 29, 10, 30))
        await self.survey(c_ticket, at(2026, 4, 29, 11, 0))
        await self.result(c_ticket, at(2026, 4, 30, 9, 0), (False, True, False))
        a, a_ticket = await self.accepted(at(2026, 4, 30, 10, 15))
        await self.reply(c, at(2026, 4, 30, 16, 0))

        await self.review(a_ticket, at(2026, 4, 30, 16, 30))
        self.traveller.move_to(at(2026, 5, 1, 0, 30))
        e = (
            await submitted_case(
                self.api, ("POWER",), token=self.tokens.applicant, with_materials=True
            )
        )["id"]
        await self.survey(a_ticket, at(2026, 5, 6, 9, 0))
        await self.result(a_ticket, at(2026, 5, 7, 10, 0), (False, False, False))
        await self.reply(a, at(2026, 5, 7, 10, 15))

        d = await self.zero_material_case(at(2026, 5, 8, 9, 0))
        f, _ = await self.accepted(at(2026, 5, 11, 7, 30))
        return {"A": a, "B": b, "C": c, "D": d, "E": e, "F": f}
