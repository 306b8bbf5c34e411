"""The window's notices: 收件通知书, 一次性补正告知书, 联合答复书, 前后台会商纪要; and the
办事指南."""

from __future__ import annotations

from hub.devtools.templates.builder import CENTER, Sheet
from hub.devtools.templates.forms import MATERIAL_CELLS, MATERIAL_HEADERS, MATERIAL_WIDTHS

WINDOW_PLACE = "韶关市政务服务大厅二楼C区46号市政公用服务综合窗口"
ITEM_WIDTHS = [54, 106]


def _opening(sheet: Sheet, title: str, body: str) -> None:
    """Title, case line, addressee, the opening paragraph and the applicant's details."""
    sheet.title(title)
    sheet.case_line()
    sheet.para("{{ applicant.name }}：", bold=True, before=8)
    sheet.para(body, indent=True)
    sheet.heading("一、申请信息")
    sheet.applicant_block()


def _closing(sheet: Sheet) -> None:
    sheet.signature()
    sheet.verification()


def receipt_notice() -> Sheet:
    sheet = Sheet("收件通知书")
    _opening(
        sheet,
        "收件通知书",
        "贵单位提交的{{ project.name }}水电气报装（{{ utilities_text }}）申请材料齐全、符合要求，"
        "本窗口已于{{ accepted_at }}受理，申请材料已通过工建系统流转至{{ dispatched_to }}。",
    )
    sheet.labelled("预约勘探时间：", "{{ survey_appointment }}", before=6)

    sheet.heading("二、收到的申请材料（共 {{ material_count }} 份）")
    sheet.loop_table(
        MATERIAL_WIDTHS, MATERIAL_HEADERS, MATERIAL_CELLS, "m in materials", empty="（无）"
    )

    sheet.heading("三、办理时限与答复承诺")
    sheet.para("{{ reply_promise }}", indent=True)
    sheet.loop_table(
        [96, 28, 36],
        ["事项", "时限", "责任单位"],
        ["{{ t.title }}", "{{ t.days }}", "{{ t.owner }}"],
        "t in time_limits",
    )
    sheet.tag("{%p if green_channel %}")
    sheet.para("本项目为重点项目、招商引资项目，已开启“绿色通道”。", indent=True)
    sheet.tag("{%p endif %}")
    sheet.para(f"如有疑问，请致电 {{{{ window_phone }}}} 或到{WINDOW_PLACE}咨询。", indent=True)
    _closing(sheet)
    return sheet


def correction_notice() -> Sheet:
    sheet = Sheet("一次性补正告知书")
    _opening(
        sheet,
        "一次性补正告知书",
        "贵单位申请的{{ project.name }}水电气报装（{{ utilities_text }}），经{{ stage }}，"
        "申请材料尚需补正。现将需补正的全部事项（共 {{ item_count }} 项）一次性告知如下：",
    )
    sheet.heading("二、需补正的事项")
    sheet.tag("{%p for g in groups %}")
    sheet.para("{{ g.name }}：", bold=True, before=6)
    sheet.loop_table(
        [14, 46, 100],
        ["序号", "所涉材料", "补正要求"],
        ["{{ e.index }}", "{{ e.title }}", "{{ e.note }}"],
        "e in g.entries",
    )
    sheet.tag("{%p endfor %}")

    sheet.heading("三、下一步")
    sheet.para(
        "请贵单位按上述要求一次性补正全部事项后重新提交申请，可通过系统提交，"
        f"也可到{WINDOW_PLACE}办理。",
        indent=True,
    )
    sheet.tag("{%p if after_acceptance %}")
    sheet.para(
        "补正后，仅提出补正要求的供能企业重新审核，其他供能企业的办理进度不受影响。",
        indent=True,
    )
    sheet.tag("{%p else %}")
    sheet.para("窗口收到补正材料后重新进行形式审查，符合要求的当场出具收件通知书。", indent=True)
    sheet.tag("{%p endif %}")
    sheet.para(
        "本告知书一次性列明目前需补正的全部事项（告知时间：{{ notice_issued_at }}）。"
        "如有疑问，请致电 {{ window_phone }}。",
        indent=True,
    )
    _closing(sheet)
    return sheet


def consolidated_reply() -> Sheet:
    sheet = Sheet("水电气报装联合答复书")
    _opening(
        sheet,
        "水电气报装联合答复书",
        "贵单位申请的{{ project.name }}水电气报装（{{ utilities_text }}），经各供能企业审核、"
        "现场勘探，现将办理结果一次性答复如下：",
    )
    sheet.heading("二、办理结果汇总")
    sheet.para("{{ summary }}", bold=True, indent=True)
    sheet.tag("{%p if green_channel %}")
    sheet.para(
        "本项目为重点项目、招商引资项目，已通过“绿色通道”办理：受理后各供能企业在 0.5 个工作日内"
        "与项目经办人首次联系。",
        indent=True,
    )
    sheet.tag("{%p endif %}")

    sheet.heading("三、各供能企业办理结果")
    sheet.tag("{%p for s in sections %}")
    sheet.para(
        "（{{ loop.index }}）{{ s.company }}（{{ s.utility }}）：{{ s.outcome }}",
        bold=True,
        before=6,
    )
    sheet.form(
        [
            [("办理结果", "{{ s.outcome }}"), ("勘探日期", "{{ s.survey_date }}")],
            [("外线工程", "{{ s.external_works }}")],
            [("改造意见建议", "{{ s.renovation_advice }}")],
            [("简易设计方案", "{{ s.design_plan }}")],
            [("初步报价", "{{ s.quote }}")],
            [("外线接入情况", "{{ s.external_works_info }}")],
            [("需补正材料", "{{ s.missing_materials }}")],
            [("理由", "{{ s.reasons }}")],
            [
                (
                    "“三零”服务",
                    "{{ s.zero_visit }} 零上门　　{{ s.zero_approval }} 零审批　　"
                    "{{ s.zero_cost }} 零费用",
                )
            ],
        ]
    )
    sheet.tag("{%p endfor %}")

    sheet.heading("四、下一步")
    sheet.tag("{%p for step in next_steps %}")
    sheet.para("{{ loop.index }}. {{ step }}", indent=True)
    sheet.tag("{%p endfor %}")

    sheet.heading("五、联系方式")
    sheet.loop_table(
        ITEM_WIDTHS, ["渠道", "联系方式"], ["{{ c.title }}", "{{ c.value }}"], "c in contacts"
    )
    sheet.para("答复时间：{{ replied_at }}", indent=True, before=6)
    _closing(sheet)
    return sheet


def consultation_minutes() -> Sheet:
    sheet = Sheet("前后台会商纪要")
    sheet.title("前后台会商纪要")
    sheet.case_line()
    sheet.heading("一、会商事项")
    sheet.form(
        [
            [("申请企业", "{{ applicant.name }}")],
            [("项目名称", "{{ project.name }}"), ("报装业务", "{{ utilities_text }}")],
            [("会商议题", "{{ topic }}")],
            [("会商时间", "{{ slot }}")],
            [("组织单位", "{{ issuer }}"), ("组织人", "{{ scheduled_by }}")],
        ]
    )
    sheet.heading("二、参加单位")
    sheet.loop_table(
        [70, 40, 50],
        ["单位", "确认人", "确认时间"],
        ["{{ u.company }}（{{ u.utility }}）", "{{ u.confirmed_by }}", "{{ u.confirmed_at }}"],
        "u in participants",
    )
    sheet.heading("三、会商纪要")
    _text_items(sheet, "line in minutes", "{{ line }}")
    sheet.para("记录人：{{ recorded_by }}　　记录时间：{{ recorded_at }}", indent=True, before=6)
    _closing(sheet)
    return sheet


def service_guide() -> Sheet:
    sheet = Sheet("水电气报装“一件事一次办”办事指南")
    sheet.title("{{ title }}")
    sheet.para("适用报装业务：{{ utilities_text }}", align=CENTER)
    sheet.heading("一、适用范围")
    sheet.para("{{ scope }}", indent=True)
    sheet.heading("二、申请表单")
    sheet.para("{{ application_form }}（一张表单，可单个或任意组合报装）", indent=True)
    sheet.heading("三、办理流程")
    _text_items(
        sheet, "step in process", "{{ loop.index }}. {{ step.title }}：{{ step.description }}"
    )
    sheet.heading("四、申请材料")
    sheet.loop_table(
        [10, 28, 62, 22, 18, 20],
        ["序号", "材料名称", "说明", "适用业务", "是否必需", "获取方式"],
        [
            "{{ r.index }}",
            "{{ r.title }}",
            "{{ r.description }}",
            "{{ r.utilities }}",
            "{{ r.mandatory }}",
            "{{ r.how }}",
        ],
        "r in requirements",
    )
    sheet.heading("五、办理时限")
    sheet.loop_table(
        [96, 28, 36],
        ["事项", "时限", "责任单位"],
        ["{{ t.title }}", "{{ t.days }}", "{{ t.owner }}"],
        "t in time_limits",
    )
    sheet.heading("六、收费标准")
    _text_items(sheet, "f in fees", "{{ f.title }}：{{ f.description }}")
    sheet.heading("七、优惠政策")
    _text_items(sheet, "p in policies", "{{ p.title }}：{{ p.description }}")
    sheet.heading("八、特别说明")
    _text_items(sheet, "n in notes", "{{ n.title }}：{{ n.description }}")
    sheet.heading("九、供能企业和咨询渠道")
    _text_items(sheet, "c in companies", "{{ c.utility }}：{{ c.company }}")
    sheet.loop_table(
        ITEM_WIDTHS, ["渠道", "联系方式"], ["{{ c.title }}", "{{ c.value }}"], "c in channels"
    )
    sheet.signature(date="")  # a standing publication: no issue date (its file is cached)
    sheet.verification(code=False, purpose="了解水电气报装“一次办”")
    return sheet


def _text_items(sheet: Sheet, loop: str, line: str) -> None:
    sheet.tag(f"{{%p for {loop} %}}")
    sheet.para(line, indent=True)
    sheet.tag("{%p endfor %}")
