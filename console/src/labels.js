// Chinese names of the API's enum values, for every page that shows them.
export const UTILITY_LABELS = { WATER: "供水", POWER: "供电", GAS: "供气" };
export const UTILITY_COMPANIES = { WATER: "韶关市水投集团", POWER: "韶关市供电局", GAS: "韶关港华燃气公司" };

export const CASE_STATUS = {
  DRAFT: ["草稿", "info"],
  SUBMITTED: ["待受理审查", "warning"],
  CORRECTION_REQUIRED: ["待补正", "danger"],
  IN_PROGRESS: ["办理中", "primary"],
  CONSOLIDATING: ["汇总答复中", "warning"],
  REPLIED: ["已答复", "success"],
  WITHDRAWN: ["已撤回", "info"],
};

export const TICKET_STATUS = {
  PENDING_REVIEW: ["待审核", "warning"],
  CORRECTION_REQUESTED: ["要求补正", "danger"],
  INELIGIBLE: ["不符合条件", "info"],
  SURVEY_PENDING: ["待勘察", "primary"],
  SURVEYED: ["已勘察", "primary"],
  RESULT_SUBMITTED: ["已反馈结果", "success"],
  CANCELLED: ["已取消", "info"],
};

export const DOCUMENT_STATUS = {
  PENDING: ["生成中", "warning"],
  READY: ["已生成", "success"],
  FAILED: ["生成失败", "danger"],
};

export const DOCUMENT_KINDS = {
  APPLICATION_FORM: "协同报装申请表",
  RECEIPT_NOTICE: "收件通知书",
  CORRECTION_NOTICE: "一次性补正告知书",
  RESULT_FEEDBACK_FORM: "办理结果反馈表",
  CONSOLIDATED_REPLY: "统一答复书",
  SERVICE_GUIDE: "办事指南",
  CONSULTATION_MINUTES: "会商纪要",
};

export const MATERIAL_SOURCES = { UPLOAD: "上传", E_LICENCE: "电子证照", SHARED: "复用", GENERATED: "系统生成" };

export const LICENCE_KINDS = {
  ID_CARD: "居民身份证",
  BUSINESS_LICENCE: "营业执照",
  PROPERTY_TITLE: "不动产权证书",
  PROJECT_REGISTRATION: "项目立项文件",
  LAND_USE_PLANNING_PERMIT: "建设用地规划许可证",
  PLANNING_PERMIT: "建设工程规划许可证",
  CONSTRUCTION_PERMIT: "建筑工程施工许可证",
};

export const DECISIONS = { ELIGIBLE: "符合条件", INELIGIBLE: "不符合条件", NEEDS_CORRECTION: "需补正" };
export const OUTCOMES = { APPROVED: "同意", NOT_APPROVED: "不同意" };

// CaseEvent.type; an unknown type (more may come) shows as itself.
export const EVENT_TYPES = {
  CASE_CREATED: "创建申请",
  CASE_UPDATED: "修改申请",
  LICENCE_CONSENT_GRANTED: "授权调取电子证照",
  CASE_SUBMITTED: "提交申请",
  CORRECTION_REQUESTED: "一次性告知补正",
  CASE_RESUBMITTED: "补正后重新提交",
  CASE_ACCEPTED: "窗口受理",
  TICKET_DISPATCHED: "派发工单",
  TICKET_REVIEWED: "工单审核",
  TICKET_CANCELLED: "工单取消",
  CORRECTIONS_GATHERED: "汇总补正意见",
  SURVEY_RECORDED: "登记勘察",
  RESULT_SUBMITTED: "提交办理结果反馈表",
  CASE_CONSOLIDATING: "进入汇总",
  REPLY_ISSUED: "出具统一答复",
  CASE_WITHDRAWN: "撤回申请",
  MATERIAL_ADDED: "添加材料",
  MATERIAL_REMOVED: "撤下材料",
  LICENCE_PULLED: "调取电子证照",
  LICENCE_PULL_FAILED: "电子证照调取失败",
  PAPER_HANDOVER: "纸质材料交接",
  DOCUMENT_READY: "文书已生成",
  DOCUMENT_FAILED: "文书生成失败",
  SLA_WARNING: "时限预警",
  SLA_BREACHED: "已超时限",
  INQUIRY_RAISED: "提出协调问题",
  INQUIRY_PLANNED: "协调问题给出计划",
  INQUIRY_ANSWERED: "协调问题已答复",
  INQUIRY_REOPENED: "协调问题重新打开",
  KEY_PROJECT_SET: "设置重点项目",
  GREEN_CHANNEL_CONTACTED: "绿色通道联系",
  CONSULTATION_SCHEDULED: "安排会商",
  CONSULTATION_CONFIRMED: "确认会商",
  CONSULTATION_MINUTES_RECORDED: "登记会商纪要",
};

export const ROLE_NAMES = {
  applicant: "申请人",
  window: "窗口",
  utility: "供能企业",
  liaison: "联络员",
  admin: "管理员",
  system: "系统",
};

// "2026-03-02T09:30:00+08:00" as "2026-03-02 09:30" (the API already answers in +08:00).
export function localTime(value) {
  if (!value) return "";
  return value.replace("T", " ").slice(0, 16);
}

export function utilityList(utilities) {
  return (utilities || []).map((utility) => UTILITY_LABELS[utility] || utility).join("、");
}
