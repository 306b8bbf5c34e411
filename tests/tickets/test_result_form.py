"""The result feedback form's rules by outcome (hub/tickets/result_form.validate_result_form), pure:
NOT_APPROVED needs reasons; APPROVED without external works needs renovation advice, a design
plan and a quote >= 0 yuan with at most two decimals; APPROVED with external works needs the
external-works information; missing-material entries are not blank."""

from __future__ import annotations

from decimal import Decimal

import pytest

from hub.enums import ResultOutcome
from hub.tickets.result_form import MAX_TEXT, ResultForm, validate_result_form
from hub.values import InvalidInput

APPROVED, NOT_APPROVED = ResultOutcome.APPROVED, ResultOutcome.NOT_APPROVED
WITHOUT_WORKS = {
    "renovation_advice": "配电房按图改造",
    "design_plan": "10kV 专变",
    "quote_amount": "0",
}
WITH_WORKS = {"external_works": True, "external_works_info": "需敷设市政中压燃气管道约 300 米"}


def form(outcome=APPROVED, **fields) -> ResultForm:
    if isinstance(fields.get("quote_amount"), str):
        fields["quote_amount"] = Decimal(fields["quote_amount"])
    return ResultForm(outcome=outcome, **fields)


def paths(result_form: ResultForm, prefix: str = "input") -> list[str]:
    return [p.path for p in validate_result_form(result_form, prefix).problems]


@pytest.mark.parametrize(
    "result_form",
    [
        form(NOT_APPROVED, reasons="供区内无可用管网"),
        form(NOT_APPROVED, reasons="原因", quote_amount="0.5", missing_materials=["规划许可证"]),
        form(**WITHOUT_WORKS),
        form(**{**WITHOUT_WORKS, "external_works": False}),
        form(**{**WITHOUT_WORKS, "quote_amount": "125000.5"}),
        form(**{**WITHOUT_WORKS, "quote_amount": "999999999999.99"}),
        form(**{**WITHOUT_WORKS, "quote_amount": "1E+2"}),
        form(**{**WITHOUT_WORKS, "quote_amount": "-0"}),
        form(**WITHOUT_WORKS, zero_visit=True, zero_approval=False, zero_cost=True),
        form(**WITH_WORKS),
        form(**WITH_WORKS, missing_materials=["市政道路挖掘许可申请表", "占道施工方案"]),
        form(**WITH_WORKS, quote_amount=Decimal("35000.00")),
        form(**WITH_WORKS, missing_materials=[]),
        form(**{**WITHOUT_WORKS, "reasons": "x" * MAX_TEXT}),
    ],
    ids=lambda f: f"{f.outcome}-works={f.external_works}-quote={f.quote_amount}",
)
def test_a_complete_form_passes(result_form):
    assert paths(result_form) == []


@pytest.mark.parametrize(
    ("result_form", "expected"),
    [
        (form(NOT_APPROVED), ["input.reasons"]),
        (form(NOT_APPROVED, reasons=" \n\t"), ["input.reasons"]),
        (form(NOT_APPROVED, **WITHOUT_WORKS), ["input.reasons"]),
        (
            form(APPROVED),
            ["input.renovationAdvice", "input.designPlan", "input.quoteAmount"],
        ),
        (
            form(APPROVED, external_works=False, reasons="附加说明"),
            ["input.renovationAdvice", "input.designPlan", "input.quoteAmount"],
        ),
        (form(**{**WITHOUT_WORKS, "renovation_advice": "  "}), ["input.renovationAdvice"]),
        (form(**{**WITHOUT_WORKS, "design_plan": ""}), ["input.designPlan"]),
        (form(**{**WITHOUT_WORKS, "quote_amount": None}), ["input.quoteAmount"]),
        (form(**{**WITHOUT_WORKS, "quote_amount": "-0.01"}), ["input.quoteAmount"]),
        (form(**{**WITHOUT_WORKS, "quote_amount": "-100"}), ["input.quoteAmount"]),
        (form(**{**WITHOUT_WORKS, "quote_amount": "1.005"}), ["input.quoteAmount"]),
        (form(**{**WITHOUT_WORKS, "quote_amount": "0.001"}), ["input.quoteAmount"]),
        (form(**{**WITHOUT_WORKS, "quote_amount": "1000000000000"}), ["input.quoteAmount"]),
        (form(**WITHOUT_WORKS, external_works_info="不涉外线"), []),
        (form(APPROVED, external_works=True), ["input.externalWorksInfo"]),
        (form(APPROVED, external_works=True, external_works_info=" "), ["input.externalWorksInfo"]),
        # With external works, advice, plan and quote are not needed, but a quote given is checked.
        (form(**WITH_WORKS, quote_amount="-5"), ["input.quoteAmount"]),
        (form(**WITH_WORKS, quote_amount="12.345"), ["input.quoteAmount"]),
        (form(NOT_APPROVED, reasons="原因", quote_amount="-1"), ["input.quoteAmount"]),
        (form(**WITH_WORKS, missing_materials=["申请表", " "]), ["input.missingMaterials[1]"]),
        (
            form(NOT_APPROVED, reasons="原因", missing_materials=["", "图纸", "\t"]),
            ["input.missingMaterials[0]", "input.missingMaterials[2]"],
        ),
        (form(NOT_APPROVED, reasons="x" * (MAX_TEXT + 1)), ["input.reasons"]),
        (
            form(**{**WITHOUT_WORKS, "design_plan": "x" * (MAX_TEXT + 1)}),
            ["input.designPlan"],
        ),
        (
            form(**{**WITH_WORKS, "external_works_info": "x" * (MAX_TEXT + 1)}),
            ["input.externalWorksInfo"],
        ),
        (
            form(**{**WITHOUT_WORKS, "renovation_advice": "x" * (MAX_TEXT + 1)}),
            ["input.renovationAdvice"],
        ),
    ],
)
def test_each_rule_names_its_field(result_form, expected):
    assert paths(result_form) == expected


def test_every_problem_is_reported_at_once():
    bad = form(APPROVED, quote_amount=Decimal("-1.234"), missing_materials=[" "])
    assert paths(bad) == [
        "input.renovationAdvice",
        "input.designPlan",
        "input.quoteAmount",
        "input.missingMaterials[0]",
    ]


def test_a_quote_that_did_not_parse_is_reported_with_its_reason():
    reason = "不是有效的数字 (not a decimal number)"
    problems = validate_result_form(
        form(**{**WITHOUT_WORKS, "quote_amount": InvalidInput("abc", reason)})
    ).problems
    assert [(p.path, p.message) for p in problems] == [("input.quoteAmount", reason)]


def test_the_prefix_is_the_argument_name():
    assert paths(form(NOT_APPROVED), prefix="form") == ["form.reasons"]
    assert paths(form(APPROVED, external_works=True), prefix="") == [".externalWorksInfo"]


def test_messages_are_chinese_first():
    for problem in validate_result_form(form(APPROVED, quote_amount=Decimal("-1"))).problems:
        assert problem.message[0] >= "\u4e00", problem


@pytest.mark.parametrize("quote", ["1e26", "1E+30", "123456789012345678901234567.5"])
def test_a_huge_quote_is_a_problem_not_a_crash(quote):
    assert paths(form(**{**WITHOUT_WORKS, "quote_amount": quote})) == ["input.quoteAmount"]


def test_the_graphql_input_is_derived_from_the_form():
    from hub.schema.inputs import ResultFeedbackInput

    given = ResultFeedbackInput(
        outcome=APPROVED, quote_amount=Decimal("1.50"), missing_materials=["规划许可证"]
    )
    assert given.to_domain() == ResultForm(
        outcome=APPROVED, quote_amount=Decimal("1.50"), missing_materials=["规划许可证"]
    )
