"""What each field of the result feedback form (办理结果反馈表, Attachment 6) means and when it
is required: written once, for the `ResultFeedback` type and the `ResultFeedbackInput`."""

RESULT_FORM_FIELDS: dict[str, str] = {
    "outcome": (
        "结论：同意或不同意，决定哪些字段必填。The outcome, which decides the fields required."
    ),
    "external_works": (
        "是否涉及外线工程；同意时据此决定必填字段。Whether external-line works are involved; "
        "for APPROVED it decides which fields are required."
    ),
    "renovation_advice": (
        "改造建议；同意且不涉外线工程时必填，最多 4000 字符。Renovation advice: required for "
        "APPROVED without external works (at most 4000 characters)."
    ),
    "design_plan": (
        "简易设计方案；同意且不涉外线工程时必填，最多 4000 字符。A simple design plan: required "
        "for APPROVED without external works (at most 4000 characters)."
    ),
    "quote_amount": (
        "初步报价（元，最多两位小数，>= 0）；同意且不涉外线工程时必填。The preliminary quote in "
        "yuan, two decimals at most, >= 0: required for APPROVED without external works."
    ),
    "external_works_info": (
        "外线工程一次性告知内容；同意且涉外线工程时必填，最多 4000 字符。What the external "
        "connection involves: required for APPROVED with external works (at most 4000 "
        "characters)."
    ),
    "missing_materials": (
        "外线工程尚缺的材料。The materials still missing for the external works."
    ),
    "reasons": (
        "不同意的原因；不同意时必填，最多 4000 字符。Why it was not approved: required for "
        "NOT_APPROVED (at most 4000 characters)."
    ),
    "zero_visit": "是否实现零上门。Whether the enterprise needed no visit (零上门).",
    "zero_approval": "是否实现零审批。Whether no approval was needed (零审批).",
    "zero_cost": "是否实现零费用。Whether it cost the enterprise nothing (零费用).",
}
