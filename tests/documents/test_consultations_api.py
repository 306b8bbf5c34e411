"""Joint consultations (前后台会商) through the API: scheduled by the window in one office
session with the utilities it needs, confirmed by each, minutes recorded once and rendered as
the seventh template (DOCX, and PDF when LibreOffice is present, as the other notices).

The hub's clock is frozen with time_machine on Tue 10 Mar 2026 (Asia/Shanghai); the slot is
Wed 11 Mar 14:30-15:30, in the afternoon session (14:30-17:30)."""

from __future__ import annotations

import time_machine

from hub.auth.tokens import issue_token
from hub.documents.render import undeclared_variables
from hub.enums import DocumentKind, Role
from hub.models import CaseEvent, Consultation, Document
from tests.api import WITHDRAW, bad_input_paths
from tests.documents.support import docx_text, fetch, one, settled_documents
from tests.documents.test_pdf import pdf_text_and_fonts, with_pdf  # noqa: F401 (fixture)
from tests.documents.test_templates import EXTRA, assert_plain, rendered, strictly_rendered
from tests.factories import at
from tests.sla.conftest import long_lived_tokens  # noqa: F401 (autouse fixture)
from tests.sla.support import TTL, Tokens, accepted_case, iso

FIELDS = """id caseId topic startsAt endsAt scheduledBy confirmed minutes minutesDocumentId
  participants { utility confirmedAt confirmedBy }"""
SCHEDULE = f"""mutation($caseId: ID!, $utilities: [Utility!]!, $startsAt: DateTime!,
                        $endsAt: DateTime!, $topic: String!) {{
  scheduleConsultation(caseId: $caseId, utilities: $utilities, startsAt: $startsAt,
                       endsAt: $endsAt, topic: $topic) {{ {FIELDS} }} }}"""
CONFIRM = f"""mutation($id: ID!, $utility: Utility) {{
  confirmConsultation(consultationId: $id, utility: $utility) {{ {FIELDS} }} }}"""
MINUTES = f"""mutation($id: ID!, $minutes: String!) {{
  recordConsultationMinutes(consultationId: $id, minutes: $minutes) {{ {FIELDS} }} }}"""
CONSULTATIONS = f"""query($id: ID!) {{ case(id: $id) {{ consultations {{ {FIELDS} }}
  documents {{ id kind consultationId }}
  events(first: 100) {{ edges {{ node {{ type utility data }} }} }} }} }}"""

NOW = at(2026, 3, 10, 9, 0)
STARTS, ENDS = at(2026, 3, 11, 14, 30), at(2026, 3, 11, 15, 30)
TOPIC = "外线接入路由与道路开挖协调"
MINUTES_TEXT = "一、供电与供气管线同沟敷设。\n二、道路开挖许可由窗口统一协调。"


def slot(case_id: str, **changes) -> dict:
    variables = {
        "caseId": case_id,
        "utilities": ["POWER", "GAS"],
        "startsAt": iso(STARTS),
        "endsAt": iso(ENDS),
        "topic": TOPIC,
    }
    return variables | changes


async def test_bad_slots_and_callers_are_refused_and_change_nothing(api):
    with time_machine.travel(NOW, tick=False):
        tokens = Tokens()
        case_id, _ = await accepted_case(api, tokens, ("POWER", "GAS"))
        refusals = [
            (slot(case_id, endsAt=iso(at(2026, 3, 11, 17, 45))), ["endsAt"]),  # after 17:30
            (slot(case_id, startsAt=iso(at(2026, 3, 11, 11, 0))), ["endsAt"]),  # two sessions
            (slot(case_id, startsAt=iso(at(2026, 3, 11, 13, 0))), ["startsAt"]),  # lunch
            (
                slot(
                    case_id,
                    startsAt=iso(at(2026, 3, 14, 9, 0)),
                    endsAt=iso(at(2026, 3, 14, 10, 0)),
                ),
                ["startsAt"],  # a Saturday
            ),
            (slot(case_id, startsAt=iso(at(2026, 3, 9, 9, 0))), ["startsAt"]),  # past
            (slot(case_id, utilities=["WATER"]), ["utilities[0]"]),  # not chosen on the case
            (slot(case_id, utilities=[], topic=" "), ["topic", "utilities"]),
        ]
        for variables, paths in refusals:
            error = await api.error(SCHEDULE, variables, tokens.window)
            assert bad_input_paths(error) == paths, variables
        error = await api.error(SCHEDULE, slot(case_id), tokens.utility["POWER"])
        assert error["extensions"]["code"] == "FORBIDDEN"
    assert await Consultation.all().count() == 0


async def test_scheduled_confirmed_and_minutes_rendered_to_docx(api):
    with time_machine.travel(NOW, tick=False) as traveller:
        tokens = Tokens()
        case_id, _ = await accepted_case(api, tokens, ("WATER", "POWER", "GAS"))
        scheduled = (await api.ok(SCHEDULE, slot(case_id), tokens.window))["scheduleConsultation"]
        assert (scheduled["startsAt"], scheduled["endsAt"]) == (iso(STARTS), iso(ENDS))
        assert [p["utility"] for p in scheduled["participants"]] == ["POWER", "GAS"]
        assert scheduled["confirmed"] is False
        consultation = {"id": scheduled["id"]}

        error = await api.error(CONFIRM, consultation, tokens.utility["WATER"])
        assert error["extensions"]["code"] == "FORBIDDEN", "water was not invited"
        error = await api.error(CONFIRM, consultation, tokens.liaison)
        assert error["extensions"]["code"] == "NOT_FOUND", "the service centre's liaison"
        await api.ok(CONFIRM, consultation, tokens.utility["POWER"])
        error = await api.error(CONFIRM, consultation, tokens.utility["POWER"])
        assert error["extensions"]["code"] == "INVALID_STATE"
        error = await api.error(MINUTES, consultation | {"minutes": MINUTES_TEXT}, tokens.window)
        assert error["extensions"]["code"] == "INVALID_STATE" and "GAS" in error["message"]
        error = await api.error(CONFIRM, consultation, tokens.admin)
        assert bad_input_paths(error) == ["utility"]
        confirmed = (await api.ok(CONFIRM, consultation | {"utility": "GAS"}, tokens.admin))[
            "confirmConsultation"
        ]
        assert confirmed["confirmed"] is True
        error = await api.error(MINUTES, consultation | {"minutes": MINUTES_TEXT}, tokens.window)
        assert error["extensions"]["code"] == "INVALID_STATE", "not begun"

        traveller.move_to(at(2026, 3, 11, 15, 40))
        recorded = (await api.ok(MINUTES, consultation | {"minutes": MINUTES_TEXT}, tokens.window))[
            "recordConsultationMinutes"
        ]
        again = await api.error(MINUTES, consultation | {"minutes": "再记一次"}, tokens.window)
        assert again["extensions"]["code"] == "INVALID_STATE"
        documents = await settled_documents(api, case_id, tokens.window)
        seen = (await api.ok(CONSULTATIONS, {"id": case_id}, tokens.window))["case"]

    assert recorded["minutes"] == MINUTES_TEXT and recorded["minutesDocumentId"]
    minutes_doc = one(documents, "CONSULTATION_MINUTES")
    assert minutes_doc["id"] == recorded["minutesDocumentId"]
    assert minutes_doc["status"] == "READY", minutes_doc["error"]
    assert seen["consultations"] == [recorded]
    types = [e["node"]["type"] for e in seen["events"]["edges"]]
    assert types.count("CONSULTATION_SCHEDULED") == 1
    assert types.count("CONSULTATION_CONFIRMED") == 2
    assert types.count("CONSULTATION_MINUTES_RECORDED") == 1

    row = await Document.get(id=minutes_doc["id"])
    context, text = await rendered(row)
    for expected in (
        "前后台会商纪要",
        TOPIC,
        "2026-03-11 14:30-15:30",
        "韶关市供电局（供电）",
        "韶关港华燃气公司（供气）",
        "一、供电与供气管线同沟敷设。",
        "二、道路开挖许可由窗口统一协调。",
    ):
        assert expected in text, expected
    assert "韶关市水投集团" not in text, "water was not invited"
    assert_plain(context)
    assert undeclared_variables(DocumentKind.CONSULTATION_MINUTES) <= set(context) | EXTRA
    strictly_rendered(DocumentKind.CONSULTATION_MINUTES, context)


async def test_the_minutes_get_a_pdf_like_the_other_notices(with_pdf, api, http):  # noqa: F811
    with time_machine.travel(NOW, tick=False) as traveller:
        tokens = Tokens()
        case_id, _ = await accepted_case(api, tokens, ("POWER",))
        variables = slot(case_id, utilities=["POWER"])
        scheduled = (await api.ok(SCHEDULE, variables, tokens.window))["scheduleConsultation"]
        power_liaison = issue_token(
            role=Role.LIAISON, unit="POWER", name="供电联络员", ttl_seconds=TTL
        )
        confirmed = (await api.ok(CONFIRM, {"id": scheduled["id"]}, power_liaison))[
            "confirmConsultation"
        ]
        assert confirmed["participants"][0]["confirmedBy"] == "供电联络员"
        traveller.move_to(at(2026, 3, 11, 15, 40))
        await api.ok(MINUTES, {"id": scheduled["id"], "minutes": MINUTES_TEXT}, tokens.window)
        await api.ok(WITHDRAW, {"caseId": case_id, "reason": "项目取消"}, tokens.applicant)
        error = await api.error(CONFIRM, {"id": scheduled["id"]}, tokens.utility["POWER"])
        assert error["extensions"]["code"] == "INVALID_STATE"
        documents = await settled_documents(api, case_id, tokens.window)
        minutes_doc = one(documents, "CONSULTATION_MINUTES")
        downloaded = await fetch(http, minutes_doc["pdf"]["downloadUrl"])
        docx_file = await fetch(http, minutes_doc["downloadUrl"])

    assert minutes_doc["pdf"]["filename"].startswith("前后台会商纪要-")
    text, fonts = pdf_text_and_fonts(downloaded.content)
    assert "前后台会商纪要" in "".join(text.split())
    assert any("CJK" in font for font in fonts), fonts
    assert "道路开挖许可" in docx_text(docx_file.content)
    assert await CaseEvent.filter(type="CONSULTATION_MINUTES_RECORDED").count() == 1
