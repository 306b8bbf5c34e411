"""The schema's enums, from the hub's own vocabularies, each value described for clients."""

from collections.abc import Mapping
from enum import Enum
from typing import Literal, TypeVar

import strawberry

from hub import enums
from hub.calendar import ScheduleSource as ScheduleSourceValue
from hub.sla.kinds import ClockKind, ClockOwner
from hub.workflow.case_flow import CaseAction as CaseActionValue
from hub.workflow.ticket_flow import TicketAction as TicketActionValue

E = TypeVar("E", bound=type[Enum])


def described_enum(
    vocabulary: E,
    *,
    description: str,
    values: Mapping[Enum, str],
    name: str | None = None,
    graphql_name_from: Literal["key", "value"] = "key",
) -> E:
    """`strawberry.enum(vocabulary)` with a description on the type and on each value. A member
    left out of `values` (one added to the vocabulary later) fails at import, so the schema never
    carries a value that a client cannot look up."""
    undescribed = [member.name for member in vocabulary if member not in values]
    if undescribed:
        raise TypeError(f"{vocabulary.__name__}: no description for {', '.join(undescribed)}")
    enum = strawberry.enum(
        vocabulary, name=name, description=description, graphql_name_from=graphql_name_from
    )
    by_value = {member.value: text for member, text in values.items()}
    for value in enum.__strawberry_definition__.values:
        value.description = by_value[value.value]
    return enum


U = enums.Utility
Utility = described_enum(
    U,
    description="报装业务（供能企业）：水、电、气可任选组合。A utility: water, power or gas, "
    "in any mix.",
    values={
        U.WATER: "供水，韶关市水投集团办理。Water, handled by the city's water investment group.",
        U.POWER: "供电，韶关市供电局办理。Power, handled by the city's power supply bureau.",
        U.GAS: "供气，韶关港华燃气公司办理。Gas, handled by the Towngas company of Shaoguan.",
    },
)

S = enums.CaseStatus
CaseStatus = described_enum(
    S,
    description=(
        "案件状态；`acceptedAt` 区分窗口阶段与供能企业阶段，`allowedActions` 列出当前可执行的动作。"
        "A case's state; `acceptedAt` tells the window stage from the utility stage."
    ),
    values={
        S.DRAFT: (
            "草稿：可修改、上传材料、调取证照；submitApplication 进入 SUBMITTED。"
            "Draft after createApplication: editable; submitApplication leads to SUBMITTED."
        ),
        S.SUBMITTED: (
            "已提交，窗口形式审查中：acceptCase 进入 IN_PROGRESS（缺材料为 MISSING_MATERIALS），"
            "requestCorrection 进入 CORRECTION_REQUIRED。Under the window's formal review: "
            "acceptCase leads to IN_PROGRESS, requestCorrection to CORRECTION_REQUIRED."
        ),
        S.CORRECTION_REQUIRED: (
            "待申请人补正（窗口或供能企业提出）；resubmitApplication 回到 SUBMITTED（未受理）或 "
            "IN_PROGRESS（已受理）。Waiting for the applicant's corrections at either stage; "
            "resubmitApplication returns to SUBMITTED before acceptance, IN_PROGRESS after."
        ),
        S.IN_PROGRESS: (
            "已受理，各供能企业办理工单中；工单全部办结后自动进入 CONSOLIDATING，"
            "有需补正的工单时进入 CORRECTION_REQUIRED。Accepted, the utilities work on their "
            "tickets; CONSOLIDATING once all are finished, CORRECTION_REQUIRED when one needs "
            "corrections."
        ),
        S.CONSOLIDATING: (
            "汇总中：窗口须在 0.5 个工作日内 issueConsolidatedReply，进入 REPLIED。Every ticket "
            "finished: the window issues the one reply within 0.5 working day (REPLIED)."
        ),
        S.REPLIED: ("已统一答复，办结，不再变化。The consolidated reply was issued; final."),
        S.WITHDRAWN: (
            "已撤回（答复前可撤回），未办结的工单已取消、时限已停止；不再变化。"
            "Withdrawn before the reply; open tickets CANCELLED, clocks stopped; final."
        ),
    },
)

T = enums.TicketStatus
TicketStatus = described_enum(
    T,
    description=(
        "工单状态：案件受理时每个报装业务一张工单。A ticket's state: one ticket per utility, "
        "made when the window accepts the case."
    ),
    values={
        T.PENDING_REVIEW: (
            "待审查：须在 0.5 个工作日内 reviewTicket（reviewDueAt）；补正后重新进入此状态。"
            "Waiting for the utility's reviewTicket within 0.5 working day (reviewDueAt); "
            "entered again after the applicant resubmits."
        ),
        T.CORRECTION_REQUESTED: (
            "要求补正：等待申请人 resubmitApplication，之后回到 PENDING_REVIEW。Review asked "
            "for corrections; back to PENDING_REVIEW when the applicant resubmits."
        ),
        T.INELIGIBLE: ("不符合条件，办结。Reviewed as not eligible; finished."),
        T.SURVEY_PENDING: (
            "符合条件，待勘察：recordSurvey 进入 SURVEYED。Eligible, waiting for the site "
            "survey: recordSurvey leads to SURVEYED."
        ),
        T.SURVEYED: (
            "已勘察：须在 1 个工作日内 submitResultFeedback（feedbackDueAt）；可上传审批结果。"
            "Surveyed: submitResultFeedback due within 1 working day (feedbackDueAt); approval "
            "results may be uploaded."
        ),
        T.RESULT_SUBMITTED: (
            "已提交办理结果反馈表，办结；仍可上传审批结果。Result feedback form submitted; "
            "finished, approval results may still be uploaded."
        ),
        T.CANCELLED: (
            "已取消：案件在工单办结前撤回。Cancelled: the case was withdrawn while the ticket "
            "was open."
        ),
    },
)

R = enums.ReviewDecision
ReviewDecision = described_enum(
    R,
    description="供能企业对工单材料的审查结论。A utility's review decision on its ticket.",
    values={
        R.ELIGIBLE: "符合条件，进入勘察（SURVEY_PENDING）。Eligible: on to the site survey.",
        R.INELIGIBLE: (
            "不符合条件，须填写 reasons（工单 INELIGIBLE）。Not eligible: `reasons` required."
        ),
        R.NEEDS_CORRECTION: (
            "需补正，须给出 corrections（工单 CORRECTION_REQUESTED）。Needs corrections: "
            "`corrections` required."
        ),
    },
)

RO = enums.ResultOutcome
ResultOutcome = described_enum(
    RO,
    description="办理结果反馈表的结论。The outcome on a result feedback form.",
    values={
        RO.APPROVED: (
            "同意：不涉外线工程须填改造建议、设计方案、报价；涉外线工程须填外线工程说明。"
            "Approved: without external works advice, design plan and quote are required; "
            "with them, externalWorksInfo."
        ),
        RO.NOT_APPROVED: "不同意，须说明原因（reasons）。Not approved: `reasons` required.",
    },
)

K = enums.LicenceKind
LicenceKind = described_enum(
    K,
    description=(
        "可调取的电子证照及工程建设项目审批文件种类：前三种按号码从电子证照库调取，其余按案件的"
        "项目代码从工建系统调取。A kind of electronic licence or project approval the hub can "
        "pull: the first three by number from the e-licence service, the others by the case's "
        "project code from the construction-project approval system (工建系统)."
    ),
    values={
        K.ID_CARD: (
            "经办人居民身份证；号码仅对申请人本人、窗口和管理员完整显示。The agent's "
            "resident ID card; its number is masked for everyone but the applicant, the window "
            "and admins."
        ),
        K.BUSINESS_LICENCE: "企业营业执照。The enterprise's business licence.",
        K.PROPERTY_TITLE: "不动产权证书。The real-estate title certificate.",
        K.PROJECT_REGISTRATION: (
            "项目立项（审批、核准或备案）文件，按案件的项目代码从工建系统调取。The project's "
            "registration or approval, pulled from the construction-project approval system "
            "(工建系统) by the case's project code."
        ),
        K.LAND_USE_PLANNING_PERMIT: (
            "建设用地规划许可证（工建系统），可作尚无不动产权证书时的土地使用证明。The land-use "
            "planning permit (工建系统); stands for the property title while there is none yet."
        ),
        K.PLANNING_PERMIT: (
            "建设工程规划许可证（工建系统）。The construction-project planning permit, pulled "
            "from the approval system by project code."
        ),
        K.CONSTRUCTION_PERMIT: (
            "建筑工程施工许可证（工建系统）。The construction permit, pulled from the approval "
            "system by project code."
        ),
    },
)

M = enums.MaterialSource
MaterialSource = described_enum(
    M,
    description="材料从何而来。Where a material came from.",
    values={
        M.UPLOAD: "上传的文件。A file uploaded through requestMaterialUpload.",
        M.E_LICENCE: "调取的电子证照（pullLicences）。An electronic licence pulled by the hub.",
        M.SHARED: (
            "复用本企业其他案件已有的材料，不重复上传。Reused from another case of the same "
            "enterprise; the bytes are not uploaded again."
        ),
        M.GENERATED: "系统生成的文件。A file the hub generated itself.",
    },
)

D = enums.DocumentKind
DocumentKind = described_enum(
    D,
    description="文书种类，每种一个模板。The kind of a notice; one template each.",
    values={
        D.APPLICATION_FORM: (
            "协同报装申请表（附件5），提交及每次补正后重新生成。The application form "
            "(Attachment 5), made at submission and again at each resubmission."
        ),
        D.RECEIPT_NOTICE: "收件通知书，受理时生成。The receipt notice, made at acceptance.",
        D.CORRECTION_NOTICE: (
            "一次性补正告知书，窗口要求补正或汇总供能企业补正意见时生成。The correction "
            "notice, made when the window or the gathered utility reviews ask for corrections."
        ),
        D.RESULT_FEEDBACK_FORM: (
            "办理结果反馈表（附件6），每张工单一份。The result feedback form (Attachment 6), "
            "one per ticket."
        ),
        D.CONSOLIDATED_REPLY: (
            "统一答复书，issueConsolidatedReply 时生成。The consolidated reply, made by "
            "issueConsolidatedReply."
        ),
        D.SERVICE_GUIDE: "一次告知办事指南。The merged service guide.",
        D.CONSULTATION_MINUTES: (
            "前后台会商纪要，recordConsultationMinutes 时生成，每次会商一份（Document."
            "consultationId）。The minutes of a joint consultation, made by "
            "recordConsultationMinutes, one per consultation (Document.consultationId)."
        ),
    },
)

DS = enums.DocumentStatus
DocumentStatus = described_enum(
    DS,
    description="文书的生成状态。Whether a notice's files are rendered.",
    values={
        DS.PENDING: "排队生成中，下载地址为 null。Queued for rendering; no download address yet.",
        DS.READY: "已生成，可下载、可验真。Rendered: downloadable and verifiable.",
        DS.FAILED: (
            "生成失败（见 error），窗口或管理员可 retryDocument。Rendering failed (see `error`); "
            "window staff or admins may retryDocument."
        ),
    },
)

OD = enums.OrderDirection
OrderDirection = described_enum(
    OD,
    description="排序方向；空值总排在最后。Sort direction; nulls always sort last.",
    values={OD.ASC: "升序。Ascending.", OD.DESC: "降序。Descending."},
)

CF = enums.CaseOrderField
CaseOrderField = described_enum(
    CF,
    description="案件列表的排序字段。What a case list is sorted by.",
    values={
        CF.CREATED_AT: "创建时间。When the case was created.",
        CF.REPLY_DUE_AT: (
            "统一答复截止时间；重点项目（绿色通道）不论升降序都排在前面，其余依次；汇总开始前为 "
            "null，排在最后。The reply's deadline, key projects (green channel) first in either "
            "direction; null (last) until consolidation starts."
        ),
        CF.CASE_NO: "案件编号。The case number.",
    },
)

TF = enums.TicketOrderField
TicketOrderField = described_enum(
    TF,
    description="工单列表的排序字段。What a ticket list is sorted by.",
    values={
        TF.DISPATCHED_AT: "派发（创建）时间。When the ticket was dispatched (created).",
        TF.REVIEW_DUE_AT: (
            "审查截止时间；重点项目（绿色通道）的工单不论升降序都排在前面。The review deadline, "
            "key projects' tickets (green channel) first in either direction."
        ),
        TF.FEEDBACK_DUE_AT: (
            "结果反馈截止时间；重点项目（绿色通道）的工单不论升降序都排在前面；勘察前为 null，排在"
            "最后。The result feedback deadline, key projects' tickets (green channel) first in "
            "either direction; null (last) until the survey."
        ),
        TF.CASE_NO: "所属案件编号。The number of the ticket's case.",
    },
)

NC = enums.NotificationChannel
NotificationChannel = described_enum(
    NC,
    description="告知申请人的渠道。How the applicant is told.",
    values={
        NC.SMS: "短信，发往经办人手机号（固定电话无法接收，记为 FAILED）。An SMS to the agent's "
        "mobile number (a landline cannot get one: FAILED).",
        NC.EMAIL: "电子邮件，发往 contactEmail，附文书 PDF（无 PDF 时附 DOCX）。An e-mail to "
        "contactEmail with the notice attached (its PDF, else its DOCX).",
    },
)

NS = enums.NotificationStatus
NotificationStatus = described_enum(
    NS,
    description="一条告知的状态。The state of one notification.",
    values={
        NS.PENDING: "待发送、等待文书生成或等待重试。Not yet sent: queued, waiting for its "
        "notice to render, or for its next attempt.",
        NS.SENT: "服务商已接收（短信网关回 2xx，或邮件服务器接受）。The provider took it (the "
        "SMS gateway answered 2xx, or the mail server accepted it).",
        NS.FAILED: "未发送：没有收件人（见 error），或 HUB_NOTIFY_MAX_ATTEMPTS 次（默认 8 次）"
        "尝试均失败。Not sent: no recipient (error says why), or every attempt "
        "(HUB_NOTIFY_MAX_ATTEMPTS, 8 by default) failed.",
    },
)

W = enums.WebhookDeliveryStatus
WebhookDeliveryStatus = described_enum(
    W,
    description="一次 Webhook 投递的状态。The state of one webhook delivery.",
    values={
        W.PENDING: "待发送或等待重试。Not yet sent, or waiting for its next attempt.",
        W.DELIVERED: "接收方已回 2xx。The receiver answered 2xx.",
        W.FAILED: (
            "一轮 HUB_WEBHOOK_MAX_ATTEMPTS 次（默认 8 次）尝试均未成功；管理员可重新投递。"
            "Every attempt of a round (HUB_WEBHOOK_MAX_ATTEMPTS, 8 by default) failed; an admin "
            "may redeliver."
        ),
    },
)

SS = ScheduleSourceValue
ScheduleSource = described_enum(
    SS,
    name="ScheduleSource",
    description="某年工作日安排的来源。Where a year's working-day schedule comes from.",
    values={
        SS.OFFICIAL: (
            "国务院公布的放假安排（随软件包提供）。The State Council's published schedule, "
            "shipped with the hub."
        ),
        SS.ADMIN: (
            "管理员按公布的通知录入（setHolidaySchedule），优先于其他来源。Entered by an admin "
            "from the published notice (setHolidaySchedule); overrides the others."
        ),
        SS.PROVISIONAL: (
            "暂定：尚未公布，仅按周末和法定节假日计算，不含调休。Not published yet: weekends "
            "and statutory holidays only, without adjusted working days."
        ),
    },
)

UN = enums.Unit
Unit = described_enum(
    UN,
    description="联络机制的成员单位，各有 1 至 2 名联络员，问题向其提出。A member unit of the "
    "liaison mechanism: each names one or two liaisons, and inquiries are addressed to one.",
    values={
        UN.SERVICE_CENTRE: (
            "政务服务中心（综合窗口），其问题由窗口和其联络员答复。The city service centre (the "
            "window); its window staff and liaisons answer its inquiries."
        ),
        UN.WATER: "供水企业（韶关市水投集团）。The water utility.",
        UN.POWER: "供电企业（韶关市供电局）。The power utility.",
        UN.GAS: "供气企业（韶关港华燃气公司）。The gas utility.",
    },
)

IS = enums.InquiryStatus
InquiryStatus = described_enum(
    IS,
    description="问题协调的状态：OPEN 待答复（1 个工作日时限在走）；PLANNED 已给出解决计划和日期"
    "（时限停止，仍待答复）；ANSWERED 已答复。An inquiry's state: OPEN awaits an answer (its "
    "one-working-day clock runs); PLANNED has a plan and a date (the clock stopped; an answer "
    "still closes it); ANSWERED is answered.",
    values={
        IS.OPEN: (
            "待答复：提出或重新打开后 1 个工作日内须答复或给出计划。Awaiting an answer, or a "
            "plan, within one working day of being raised or reopened."
        ),
        IS.PLANNED: (
            "已给出解决计划和日期，时限停止；答复后变为 ANSWERED。A plan with a date was given "
            "and the clock stopped; an answer makes it ANSWERED."
        ),
        IS.ANSWERED: (
            "已答复；提问方或窗口认为不足时可重新打开。Answered; the raiser's side or the window "
            "may reopen it when the answer is not enough."
        ),
    },
)

CK = ClockKind
SlaClockKind = described_enum(
    CK,
    name="SlaClockKind",
    graphql_name_from="value",  # the guide's TimeLimit.step, as SLA events' data say it
    description=(
        "时限种类，取值即办事指南 TimeLimit.step。A kind of SLA clock; each value is the "
        "`step` of its time limit in the service guide."
    ),
    values={
        CK.TICKET_REVIEW: (
            "供能企业审查反馈，派发起 0.5 个工作日。A utility's review of its ticket: 0.5 "
            "working day from dispatch."
        ),
        CK.RESULT_FEEDBACK: (
            "办理结果反馈表，勘察后 1 个工作日。The result feedback form: 1 working day after "
            "the survey."
        ),
        CK.CONSOLIDATED_REPLY: (
            "窗口统一答复，收到最后一份结果后 0.5 个工作日。The window's consolidated reply: "
            "0.5 working day after the last result."
        ),
        CK.LIAISON_ANSWER: (
            "联络员答复问题，提出后 1 个工作日。A liaison's answer: 1 working day after the "
            "problem is raised."
        ),
        CK.GREEN_CHANNEL: (
            "绿色通道首次联系，重点项目受理后 0.5 个工作日。The green channel's first contact: "
            "0.5 working day after a key project is accepted."
        ),
    },
)

CO = ClockOwner
SlaClockOwner = described_enum(
    CO,
    name="SlaClockOwner",
    description="须在时限内行动的一方。Who must act before a clock's deadline.",
    values={
        CO.WINDOW: "综合窗口。The service window.",
        CO.WATER: "供水企业。The water utility.",
        CO.POWER: "供电企业。The power utility.",
        CO.GAS: "供气企业。The gas utility.",
        CO.ASSIGNED_UNIT: (
            "指定的责任单位（绿色通道）。The unit assigned to a green-channel contact."
        ),
    },
)

A = CaseActionValue
CaseAction = described_enum(
    A,
    name="CaseAction",
    description=(
        "案件上的动作；Case.allowedActions 列出调用者此刻可执行的动作。An action on a case; "
        "`Case.allowedActions` lists those the caller may take now."
    ),
    values={
        A.UPDATE: "修改申请（updateApplication）。Edit the application (updateApplication).",
        A.CHANGE_MATERIALS: (
            "增删材料：上传、复用、移除（requestMaterialUpload、attachSharedMaterial、"
            "removeMaterial）。Add or remove materials: upload, reuse, remove."
        ),
        A.GRANT_CONSENT: "授权调取电子证照（grantLicenceConsent）。Consent to licence pulls.",
        A.PULL_LICENCES: "调取电子证照（pullLicences）。Pull electronic licences.",
        A.SUBMIT: "提交申请（submitApplication）。Submit the application.",
        A.REQUEST_CORRECTION: (
            "一次性告知补正（requestCorrection，窗口）。Ask for corrections (window)."
        ),
        A.RESUBMIT: "补正后重新提交（resubmitApplication）。Resubmit after corrections.",
        A.ACCEPT: "受理（acceptCase，窗口）。Accept the case (window).",
        A.WITHDRAW: "撤回申请（withdrawApplication）。Withdraw the application.",
        A.RECORD_HANDOVER: (
            "登记纸质材料交接（recordPaperHandover，窗口）。Record a paper handover (window)."
        ),
        A.GATHER_CORRECTIONS: (
            "汇总供能企业的补正意见，由系统执行，不会列给调用者。Gather the utilities' "
            "corrections: done by the hub itself, never listed for a caller."
        ),
        A.BEGIN_CONSOLIDATION: (
            "开始汇总，由系统执行，不会列给调用者。Begin consolidation: done by the hub itself, "
            "never listed for a caller."
        ),
        A.ISSUE_REPLY: (
            "出具统一答复（issueConsolidatedReply，窗口）。Issue the consolidated reply (window)."
        ),
    },
)

TA = TicketActionValue
TicketAction = described_enum(
    TA,
    name="TicketAction",
    description=(
        "工单上的动作；Ticket.allowedActions 列出调用者此刻可执行的动作。An action on a ticket; "
        "`Ticket.allowedActions` lists those the caller may take now."
    ),
    values={
        TA.REVIEW_ELIGIBLE: "审查为符合条件（reviewTicket ELIGIBLE）。Review as eligible.",
        TA.REVIEW_INELIGIBLE: (
            "审查为不符合条件，须说明理由（reviewTicket INELIGIBLE）。Review as ineligible, with "
            "reasons."
        ),
        TA.REVIEW_NEEDS_CORRECTION: (
            "审查为需补正，列出补正项（reviewTicket NEEDS_CORRECTION）。Review as needing "
            "correction, with the items."
        ),
        TA.RETURN_FOR_REVIEW: (
            "补正重新提交后回到审查（系统动作）。Back to review after a resubmission (the "
            "system's)."
        ),
        TA.RECORD_SURVEY: "登记勘察（recordSurvey）。Record the site survey (recordSurvey).",
        TA.SUBMIT_RESULT: (
            "提交办理结果反馈表（submitResultFeedback）。Submit the result feedback form "
            "(submitResultFeedback)."
        ),
        TA.UPLOAD_APPROVAL_RESULT: (
            "上传审批结果（requestMaterialUpload 带 ticketId）。Upload the approval result "
            "(requestMaterialUpload with ticketId)."
        ),
        TA.CANCEL: "撤回申请时取消（系统动作）。Cancelled by a withdrawal (the system's).",
    },
)
