"""The result feedback form (办理结果反馈表, Attachment 6) and its rules by outcome. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from hub.enums import ResultOutcome
from hub.errors import ProblemCollector
from hub.values import checked_decimal

MAX_TEXT = 4000
MAX_QUOTE = Decimal("1e12")
CENT = Decimal("0.01")


@dataclass
class ResultForm:
    outcome: ResultOutcome
    external_works: bool | None = None
    renovation_advice: str | None = None
    design_plan: str | None = None
    quote_amount: Decimal | None = None
    external_works_info: str | None = None
    missing_materials: list[str] | None = None
    reasons: str | None = None
    zero_visit: bool | None = None
    zero_approval: bool | None = None
    zero_cost: bool | None = None


def _filled(value: str | None) -> bool:
    return bool(value and value.strip())


def validate_result_form(form: ResultForm, prefix: str = "input") -> ProblemCollector:
    """NOT_APPROVED needs reasons; APPROVED without external works needs renovation advice, a
    design plan and a quote >= 0 yuan (two decimals at most); APPROVED with external works needs
    the external-works information."""
    p = ProblemCollector()
    need = "须填写 (required for this outcome)"
    if form.outcome == ResultOutcome.NOT_APPROVED:
        p.check(_filled(form.reasons), f"{prefix}.reasons", f"不予通过{need}：说明原因")
    elif form.external_works:
        p.check(_filled(form.external_works_info), f"{prefix}.externalWorksInfo", need)
    else:
        p.check(_filled(form.renovation_advice), f"{prefix}.renovationAdvice", need)
        p.check(_filled(form.design_plan), f"{prefix}.designPlan", need)
        if form.quote_amount is None:
            p.add(f"{prefix}.quoteAmount", need)
    quote = checked_decimal(form.quote_amount, f"{prefix}.quoteAmount", p)
    if quote is not None:
        if quote < 0:
            p.add(f"{prefix}.quoteAmount", "报价不能为负 (must be >= 0 yuan)")
        elif quote >= MAX_QUOTE:
            p.add(f"{prefix}.quoteAmount", "金额过大 (too large)")
        elif quote.as_tuple().exponent < -2 and quote != quote.quantize(CENT):
            p.add(f"{prefix}.quoteAmount", "金额最多两位小数 (yuan with two decimals)")
    for name in ("renovation_advice", "design_plan", "external_works_info", "reasons"):
        value = getattr(form, name)
        if value is not None and len(value) > MAX_TEXT:
            camel = name.split("_")[0] + "".join(w.title() for w in name.split("_")[1:])
            p.add(f"{prefix}.{camel}", f"不能超过 {MAX_TEXT} 个字符")
    for i, item in enumerate(form.missing_materials or []):
        p.check(_filled(item), f"{prefix}.missingMaterials[{i}]", "不能为空 (required)")
    return p
