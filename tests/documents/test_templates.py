"""The notice templates (doc_templates/) filled by the context builders from real rows: a case
built through the API with all three utilities, window and utility corrections and every kind
of result; hostile text stays literal; templates ask for nothing the builders do not give."""

from __future__ import annotations

import re
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal

import docx
import pytest
from docx.oxml.ns import qn
from jinja2 import Environment, StrictUndefined

from hub.connectors import get_licence_provider
from hub.devtools.make_templates import TEMPLATES, write_templates
from hub.documents.context import build_context, guide_context
from hub.documents.context.shared import (
    date_text,
    datetime_text,
    money_text,
    number_text,
    text,
)
from hub.documents.render import (
    TEMPLATES_DIR,
    load_template,
    render_docx,
    template_path,
    undeclared_variables,
)
from hub.enums import DocumentKind
from hub.models import Case, Document, Ticket
from tests.api import REPLY, REVIEW
from tests.documents.support import (
    FULL_RESULTS,
    HOSTILE,
    HOSTILE_USCC,
    BuiltCase,
    docx_text,
    full_case,
    hostile_case,
    survey_and_results,
)
from tests.factories import ENTERPRISE_A, UTILITY, WINDOW, accepted_case_and_tickets

K = DocumentKind
EXTRA = {"verify_url", "qr_code"}  # added by render_docx


@pytest.fixture(autouse=True)
def simulated_provider():
    get_licence_provider.cache_clear()
    yield
    get_licence_provider.cache_clear()


def verify_url(code: str) -> str:
    return f"http://hub.test/verify/{code}"


async def rendered(document: Document) -> tuple[dict, str]:
    context = await build_context(document)
    data = render_docx(document.kind, context, verify_url=verify_url(document.verification_code))
    return context, docx_text(data)


def assert_plain(value, path="context") -> None:
    """Plain printable values only: no None, no Decimal, no datetime, no ORM rows."""
    if isinstance(value, dict):
        for key, item in value.items():
            assert isinstance(key, str), path
            assert_plain(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            assert_plain(item, f"{path}[{index}]")
    else:
        assert type(value) in (str, int, bool), f"{path} is {value!r}"
        assert value != "", f"{path} is empty: print — instead"


def assert_in(text_: str, *expected: str) -> None:
    missing = [item for item in expected if item not in text_]
    assert not missing, f"missing {missing} in:\n{text_}"


def assert_common(document: Document, built: BuiltCase, text_: str) -> None:
    assert_in(
        text_,
        built.case_no,
        document.verification_code,
        verify_url(document.verification_code),
        "核验本文件真伪",
    )
    assert "None" not in text_


def strictly_rendered(kind: DocumentKind, context: dict) -> None:
    """Every name a template reads, nested ones too, is in the context."""
    template = load_template(kind)
    env = Environment(undefined=StrictUndefined, autoescape=True)
    template.render({**context, "verify_url": "u", "qr_code": ""}, jinja_env=env)


# --- pure formatting ----------------------------------------------------------------------


def test_print_formats():
    assert money_text(Decimal("12345")) == "12,345.00 元"
    assert money_text(Decimal("125000.5")) == "125,000.50 元"
    assert money_text(Decimal("0.005")) == "0.01 元"
    assert money_text(None) == "—"
    assert date_text(date(2026, 3, 5)) == "2026年3月5日"
    # Stored in UTC, printed in Asia/Shanghai: 22:30 UTC is the next morning there.
    assert datetime_text(datetime(2026, 11, 27, 22, 30, tzinfo=UTC)) == "2026年11月28日 06:30"
    assert date_text(datetime(2026, 11, 27, 22, 30, tzinfo=UTC)) == "2026年11月28日"
    assert number_text(Decimal("630.00"), "kW") == "630 kW"
    assert number_text(Decimal("120.50"), "m³") == "120.5 m³"
    assert number_text(Decimal("1E+2")) == "100"
    assert text(None) == text("  ") == "—"
    assert text("a\x00b\x0bc\r\nd\ud800") == "abc\nd", "characters a docx cannot hold go"


# --- a full case: every notice ------------------------------------------------------------


async def test_every_notice_of_a_full_case(api):
    built = await full_case(api)
    case = await Case.get(id=built.case_id)
    contexts: dict[str, dict] = {}

    # 附件5, the current version (third: two resubmissions) and the first one.
    first, *_, form = await built.documents(K.APPLICATION_FORM, current=False)
    assert form.version == 3 and first.version == 1
    contexts["form"], form_text = await rendered(form)
    assert_common(form, built, form_text)
    assert_in(
        form_text,
        "韶关市政务服务大厅工程建设项目\n企业用户水电气协同报装申请表",
        "韶关市某某建设有限公司",
        ENTERPRISE_A,
        "440203********1231",
        "13800000000",
        "2026-440203-47-01-000001",
        "粤(2024)韶关市不动产权第0012345号",
        "☑ 供水　　☑ 供电　　☑ 供气",
        "630 kW",
        "10kV",
        "120.5 m³/日",
        "100 mm",
        "35 m³/h",
        "工业生产",
        datetime_text(case.survey_appointment),
        "营业执照（电子证照）.pdf",
        "电子证照",
        "总平面图（2026版）.pdf",
        "上传",
        "授权委托书.pdf",
        "给排水设计图.pdf",
        "韶关市政务服务大厅 市政公用服务综合窗口",
        date_text(form.created_at),
    )
    assert "440203199001011231" not in form_text, "the agent's ID number is masked"
    _, first_text = await rendered(first)
    assert "总平面图（2026版）.pdf" in first_text
    assert "授权委托书.pdf" not in first_text, "a notice shows the materials of its time"

    # 收件通知书: what the window had at acceptance, and the promise.
    [receipt] = await built.documents(K.RECEIPT_NOTICE)
    contexts["receipt"], receipt_text = await rendered(receipt)
    assert_common(receipt, built, receipt_text)
    assert_in(
        receipt_text,
        "收件通知书",
        "韶关市某某建设有限公司：",
        "授权委托书.pdf",
        "经办人身份证",
        datetime_text(case.accepted_at),
        "韶关市水投集团（供水）、韶关市供电局（供电）、韶关港华燃气公司（供气）",
        "0.5 个工作日",
        "1 个工作日",
        "0751-8877817",
    )
    assert "给排水设计图.pdf" not in receipt_text, "uploaded after acceptance"

    # 一次性补正告知书: the window's (superseded) and the utilities' (current).
    window_notice, utility_notice = await built.documents(K.CORRECTION_NOTICE, current=False)
    contexts["window correction"], window_text = await rendered(window_notice)
    assert_common(window_notice, built, window_text)
    assert_in(
        window_text,
        "一次性补正告知书",
        "一次性告知",
        "窗口形式审查",
        "共 2 项",
        "市政公用服务综合窗口：",
        "授权委托书",
        "请补充法定代表人签字的授权委托书",
        "项目地址请写明门牌号",
        "窗口收到补正材料后重新进行形式审查",
    )
    contexts["utility correction"], utility_text = await rendered(utility_notice)
    assert_common(utility_notice, built, utility_text)
    assert_in(
        utility_text,
        "供能企业审核",
        "共 3 项",
        "韶关市水投集团（供水）：",
        "给排水设计图（用水点位图）",
        "请补充给排水设计图",
        "韶关港华燃气公司（供气）：",
        "请补充用气设备清单",
        "请说明厨房排烟方式",
        "仅提出补正要求的供能企业重新审核",
    )
    assert utility_text.index("请补充给排水设计图") < utility_text.index("请补充用气设备清单")
    assert "项目地址请写明门牌号" not in utility_text
    assert "窗口收到补正材料后" not in utility_text

    # 附件6, one per ticket, issued by the utility.
    forms = {str(d.ticket_id): d for d in await built.documents(K.RESULT_FEEDBACK_FORM)}
    texts = {}
    for utility, ticket_id in built.tickets.items():
        document = forms[ticket_id]
        contexts[f"result {utility}"], texts[utility] = await rendered(document)
        assert_common(document, built, texts[utility])
        ticket = await Ticket.get(id=ticket_id)
        assert_in(texts[utility], "办理结果反馈表", "附件6", date_text(ticket.surveyed_at))
    assert_in(
        texts["POWER"],
        "韶关市供电局",
        "☑ 同意报装　　☐ 不同意报装",
        "☑ 不涉外线工程　　☐ 涉外线工程",
        FULL_RESULTS["POWER"]["renovationAdvice"],
        FULL_RESULTS["POWER"]["designPlan"],
        "125,000.50 元",
        "☑ 零上门　　☑ 零审批　　☐ 零费用",
    )
    assert_in(
        texts["WATER"],
        "韶关市水投集团",
        "☐ 不涉外线工程　　☑ 涉外线工程",
        FULL_RESULTS["WATER"]["externalWorksInfo"],
        "市政道路挖掘许可申请表；给水接驳点位图",
    )
    assert_in(
        texts["GAS"],
        "韶关港华燃气公司",
        "☐ 同意报装　　☑ 不同意报装",
        FULL_RESULTS["GAS"]["reasons"],
    )
    assert "韶关市供电局" not in texts["GAS"]

    # 联合答复书: one reply with every utility's answer.
    [reply] = await built.documents(K.CONSOLIDATED_REPLY)
    contexts["reply"], reply_text = await rendered(reply)
    assert_common(reply, built, reply_text)
    assert_in(
        reply_text,
        "联合答复书",
        "供水、供电同意报装；供气不同意报装",
        "韶关市水投集团（供水）：同意报装",
        "韶关市供电局（供电）：同意报装",
        "韶关港华燃气公司（供气）：不同意报装",
        "125,000.50 元",
        FULL_RESULTS["WATER"]["externalWorksInfo"],
        FULL_RESULTS["GAS"]["reasons"],
        "涉及外线接入工程",
        "0751-8877817",
        "二楼C区46号窗口",
        datetime_text(case.replied_at),
    )
    assert "绿色通道" not in reply_text, "not a key project"

    # 办事指南 issued on the case: the guide of its utilities, with the case's header.
    guide = await Document.create(case=case, kind=K.SERVICE_GUIDE, verification_code="guide-code-1")
    contexts["guide"], guide_text = await rendered(guide)
    assert_in(guide_text, "办事指南", "用电设备（负荷）清单", "用气设备清单", "0751-8877817")

    by_kind = {
        K.APPLICATION_FORM: ["form"],
        K.RECEIPT_NOTICE: ["receipt"],
        K.CORRECTION_NOTICE: ["window correction", "utility correction"],
        K.RESULT_FEEDBACK_FORM: [f"result {u}" for u in built.tickets],
        K.CONSOLIDATED_REPLY: ["reply"],
        K.SERVICE_GUIDE: ["guide"],
    }
    for kind, labels in by_kind.items():
        for label in labels:
            context = contexts[label]
            assert_plain(context, label)
            assert undeclared_variables(kind) <= set(context) | EXTRA, label
            strictly_rendered(kind, context)


async def test_the_reply_of_a_key_project_names_the_green_channel(api):
    case_id, tickets = await accepted_case_and_tickets(api, ("POWER",), isKeyProject=True)
    await api.ok(REVIEW, {"id": tickets["POWER"], "decision": "ELIGIBLE"}, UTILITY["POWER"])
    await survey_and_results(api, tickets, {"POWER": FULL_RESULTS["POWER"]})
    await api.ok(REPLY, {"caseId": case_id}, WINDOW)
    reply = await Document.get(case_id=case_id, kind=K.CONSOLIDATED_REPLY)
    context, reply_text = await rendered(reply)
    assert context["green_channel"] is True
    assert_in(reply_text, "本项目为重点项目、招商引资项目，已通过“绿色通道”办理")
    strictly_rendered(K.CONSOLIDATED_REPLY, context)


# --- hostile values -----------------------------------------------------------------------


async def test_hostile_text_stays_literal_and_empty_fields_print_a_dash(api):
    built = await hostile_case(api)
    name = (HOSTILE * 10)[:200]
    documents = [
        *await built.documents(K.APPLICATION_FORM),
        *await built.documents(K.RECEIPT_NOTICE),
        *await built.documents(K.CORRECTION_NOTICE),
        *await built.documents(K.RESULT_FEEDBACK_FORM),
        *await built.documents(K.CONSOLIDATED_REPLY),
    ]
    assert len(documents) == 5
    long_name = (HOSTILE * 20)[:500]
    texts = {}
    for document in documents:
        context, text_ = await rendered(document)
        texts[f"{document.kind}{document.ticket_id or ''}"] = text_
        assert_plain(context, str(document.kind))
        assert_common(document, built, text_)
        assert_in(text_, name, HOSTILE_USCC, f"项目{HOSTILE}", f"地址{HOSTILE}")
        assert "&amp;lt;" not in text_ and "&lt;" not in text_, "escaped once, printed raw"
        strictly_rendered(document.kind, context)

        # 500 characters of it (more than the database keeps) render the same way.
        context["applicant"]["name"] = long_name
        data = render_docx(document.kind, context, verify_url=verify_url("x&y<z>"))
        assert_in(docx_text(data), long_name, "x&y<z>")

        if document.kind in (K.APPLICATION_FORM, K.RECEIPT_NOTICE):  # an empty table says so
            data = render_docx(document.kind, context | {"materials": []}, verify_url="u")
            empty_text = docx_text(data)
            assert "（无）" in empty_text and f"{HOSTILE}.pdf" not in empty_text

    form_text = texts["APPLICATION_FORM"]
    assert_in(form_text, "☐ 供水　　☑ 供电　　☑ 供气", "80 kW", "2.5 m³/h")
    assert_in(
        form_text, *(f"{code}{HOSTILE}.pdf" for code in ("BUSINESS_LICENCE", "PROPERTY_TITLE"))
    )
    for label in ("项目代码", "不动产权证号", "经办人身份证号", "电压等级", "用气性质"):
        assert re.search(rf"{label}\n—", form_text), f"{label} should print —"
    assert_in(texts["CORRECTION_NOTICE"], f"补正{HOSTILE}")
    assert_in(
        texts["CONSOLIDATED_REPLY"],
        f"理由{HOSTILE}",
        "供电同意报装；供气不符合申请条件",
        "韶关港华燃气公司（供气）：不符合申请条件",
    )
    [result_text] = [t for k, t in texts.items() if k.startswith("RESULT_FEEDBACK_FORM")]
    assert_in(result_text, f"外线接入情况\n{HOSTILE}", "☑ 涉外线工程", "☐ 零上门")


# --- the templates themselves -------------------------------------------------------------


@pytest.mark.parametrize("utilities", [["WATER"], ["POWER", "GAS"], ["GAS", "WATER", "POWER"]])
def test_service_guide_for_a_combination(utilities):
    context = guide_context(utilities)
    assert_plain(context)
    assert undeclared_variables(K.SERVICE_GUIDE) <= set(context) | EXTRA
    strictly_rendered(K.SERVICE_GUIDE, context)
    text_ = docx_text(render_docx(K.SERVICE_GUIDE, context, verify_url="http://hub.test/guide"))
    assert_in(
        text_, "办事指南", "营业执照", "0.5 个工作日", "0751-8877817", "http://hub.test/guide"
    )
    assert ("给排水设计图（用水点位图）" in text_) == ("WATER" in utilities)
    assert ("用电设备（负荷）清单" in text_) == ("POWER" in utilities)
    assert ("韶关港华燃气公司" in text_) == ("GAS" in utilities)
    assert "None" not in text_


def test_committed_templates_are_the_scripts_output(tmp_path):
    assert set(TEMPLATES) == set(DocumentKind)
    for path in write_templates(tmp_path):
        committed = TEMPLATES_DIR / path.name
        assert zip_entries(committed) == zip_entries(path), (
            f"{committed} differs: run python -m hub.devtools.make_templates"
        )


def zip_entries(path) -> dict[str, bytes]:
    """The package's parts (not the zip bytes: another zlib may compress differently)."""
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


@pytest.mark.parametrize("kind", list(DocumentKind))
def test_templates_use_cjk_fonts_and_keep_tags_in_one_run(kind):
    document = docx.Document(template_path(kind))
    for name in ("Normal", "Heading 1", "Heading 2"):
        fonts = document.styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")), f"{name} has no East Asian font"
        assert fonts.get(qn("w:eastAsiaTheme")) is None, f"{name}: a theme font would win"

    def paragraphs(container):
        yield from container.paragraphs
        for table in container.tables:
            for row in table.rows:
                for cell in row.cells:
                    yield from paragraphs(cell)

    for paragraph in paragraphs(document):
        for run in paragraph.runs:
            for opening, closing in (("{{", "}}"), ("{%", "%}")):
                assert run.text.count(opening) == run.text.count(closing), run.text
