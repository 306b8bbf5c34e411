"""The two forms of the implementation rules: 附件5 协同报装申请表 and 附件6 办理结果反馈表."""

from __future__ import annotations

from hub.devtools.templates.builder import CENTER, C, Sheet

MATERIAL_WIDTHS = [14, 52, 22, 72]
MATERIAL_HEADERS = ["序号", "材料名称", "来源", "文件名"]
MATERIAL_CELLS = ["{{ m.index }}", "{{ m.title }}", "{{ m.source }}", "{{ m.filename }}"]


def application_form() -> Sheet:
    sheet = Sheet("韶关市政务服务大厅工程建设项目企业用户水电气协同报装申请表")
    sheet.title(
        "韶关市政务服务大厅工程建设项目", "企业用户水电气协同报装申请表", attachment="附件5"
    )
    sheet.case_line()

    sheet.heading("一、申请企业")
    sheet.form(
        [
            [("申请企业", "{{ applicant.name }}")],
            [
                ("统一社会信用代码", "{{ applicant.uscc }}"),
                ("经办人", "{{ applicant.contact_name }}"),
            ],
            [
                ("经办人身份证号", "{{ applicant.agent_id_number }}"),
                ("联系电话", "{{ applicant.contact_phone }}"),
            ],
        ]
    )

    sheet.heading("二、项目信息")
    sheet.form(
        [
            [("项目名称", "{{ project.name }}")],
            [
                ("项目代码", "{{ project.code }}"),
                ("不动产权证号", "{{ project.property_title_no }}"),
            ],
            [("项目地址", "{{ project.address }}")],
            [
                ("预约勘探时间", "{{ survey_appointment }}"),
                ("重点项目", "{{ key_project }} 重点项目、招商引资项目"),
            ],
        ]
    )

    sheet.heading("三、报装业务（可单个或任意组合报装）")
    sheet.para("{{ water.chosen }} 供水　　{{ power.chosen }} 供电　　{{ gas.chosen }} 供气")
    widths = [26, 34, 22, 28, 22, 28]
    sheet.grid(
        widths,
        [
            [C(h, label=True, align=CENTER) for h in ("报装业务", "供能企业")]
            + [C("报装需求", span=4, label=True, align=CENTER)],
            _utility_row("water", "供水", "日用水量", "daily_volume", "进水管径", "pipe_diameter"),
            _utility_row("power", "供电", "用电容量", "capacity", "电压等级", "voltage_level"),
            _utility_row("gas", "供气", "小时用气量", "hourly_volume", "用气性质", "usage"),
        ],
    )

    sheet.heading("四、申请材料")
    sheet.loop_table(
        MATERIAL_WIDTHS, MATERIAL_HEADERS, MATERIAL_CELLS, "m in materials", empty="（无）"
    )

    sheet.heading("五、申请人承诺")
    sheet.para(
        "本单位承诺所填信息及所提交材料真实、有效，同意窗口和供能企业通过工建系统共享、"
        "调用本申请的电子证照和申请材料，用于水电气报装办理。",
        indent=True,
    )
    sheet.para("{{ licence_consent }} 同意调用电子证照　　{{ filed_on_behalf }} 窗口帮办代办")
    sheet.labelled("提交时间：", "{{ submitted_at }}")
    sheet.signature()
    sheet.verification()
    return sheet


def _utility_row(key, title, label1, field1, label2, field2) -> list[C]:
    return [
        C(f"{{{{ {key}.chosen }}}} {title}"),
        C(f"{{{{ {key}.company }}}}"),
        C(label1, label=True),
        C(f"{{{{ {key}.{field1} }}}}"),
        C(label2, label=True),
        C(f"{{{{ {key}.{field2} }}}}"),
    ]


def result_feedback_form() -> Sheet:
    sheet = Sheet("韶关市政务服务大厅工程建设项目企业用户水电气报装办理结果反馈表")
    sheet.title(
        "韶关市政务服务大厅工程建设项目", "企业用户水电气报装办理结果反馈表", attachment="附件6"
    )
    sheet.case_line()

    sheet.heading("一、报装信息")
    sheet.form(
        [
            [("申请企业", "{{ applicant.name }}")],
            [("统一社会信用代码", "{{ applicant.uscc }}"), ("报装业务", "{{ utility }}")],
            [
                ("经办人", "{{ applicant.contact_name }}"),
                ("联系电话", "{{ applicant.contact_phone }}"),
            ],
            [("项目名称", "{{ project.name }}")],
            [("项目地址", "{{ project.address }}")],
            [("供能企业", "{{ company }}"), ("派单时间", "{{ dispatched_at }}")],
            [("现场勘探日期", "{{ survey_date }}"), ("勘探情况", "{{ survey_notes }}")],
        ]
    )

    sheet.heading("二、办理结果")
    sheet.form(
        [
            [
                (
                    "办理结果",
                    "{{ result.approved }} 同意报装　　{{ result.not_approved }} 不同意报装",
                )
            ],
            [
                (
                    "外线工程",
                    "{{ result.without_external_works }} 不涉外线工程　　"
                    "{{ result.with_external_works }} 涉外线工程",
                )
            ],
            [("改造意见建议", "{{ result.renovation_advice }}")],
            [("简易设计方案", "{{ result.design_plan }}")],
            [("初步报价", "{{ result.quote }}")],
            [("外线接入情况", "{{ result.external_works_info }}")],
            [("需补正材料", "{{ result.missing_materials }}")],
            [("不同意理由", "{{ result.reasons }}")],
            [
                (
                    "“三零”服务",
                    "{{ result.zero_visit }} 零上门　　{{ result.zero_approval }} 零审批　　"
                    "{{ result.zero_cost }} 零费用",
                )
            ],
            [("填报人", "{{ result.submitted_by }}"), ("填报时间", "{{ result.submitted_at }}")],
        ]
    )
    sheet.signature()
    sheet.verification()
    return sheet
