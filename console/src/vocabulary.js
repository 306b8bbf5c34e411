// The API's enum values in the Chinese the staff read (part 2 pages: tickets, inquiries,
// figures, admin).
export const UTILITY = { WATER: "供水", POWER: "供电", GAS: "供气" };
export const UNIT = { SERVICE_CENTRE: "政务服务中心", WATER: "供水企业", POWER: "供电企业", GAS: "燃气企业" };
export const ROLE = { APPLICANT: "申请企业", WINDOW: "综合窗口", UTILITY: "公用企业", LIAISON: "联络员", ADMIN: "管理员" };

export const TICKET_STATUS = {
  PENDING_REVIEW: "待审核",
  CORRECTION_REQUESTED: "待补正",
  INELIGIBLE: "不符合条件",
  SURVEY_PENDING: "待勘探",
  SURVEYED: "已勘探，待反馈",
  RESULT_SUBMITTED: "已反馈结果",
  CANCELLED: "已取消",
};
export const OPEN_TICKET_STATUSES = ["PENDING_REVIEW", "CORRECTION_REQUESTED", "SURVEY_PENDING", "SURVEYED"];

export const DECISION = { ELIGIBLE: "符合条件", INELIGIBLE: "不符合条件", NEEDS_CORRECTION: "需补正" };
export const OUTCOME = { APPROVED: "同意", NOT_APPROVED: "不同意" };
export const INQUIRY_STATUS = { OPEN: "待答复", PLANNED: "已计划", ANSWERED: "已答复" };

export const SLA_CLOCK = {
  UTILITY_REVIEW_FEEDBACK: "工单审核",
  RESULT_FEEDBACK_FORM: "结果反馈",
  CONSOLIDATED_REPLY: "联合答复",
  LIAISON_PROBLEM_ANSWER: "协调答复",
  GREEN_CHANNEL_FIRST_CONTACT: "绿色通道首次联系",
};
export const SLA_OWNER = { WINDOW: "综合窗口", WATER: "供水", POWER: "供电", GAS: "供气", ASSIGNED_UNIT: "责任单位" };
export const SCHEDULE_SOURCE = { OFFICIAL: "官方发布", ADMIN: "管理员录入", PROVISIONAL: "暂定（未发布）" };
export const DELIVERY_STATUS = { PENDING: "待发送", DELIVERED: "已送达", FAILED: "失败" };

// "2026-12-01T09:30:00+08:00" → "2026-12-01 09:30" (the API answers in +08:00 already).
export function when(value) {
  return value ? value.slice(0, 16).replace("T", " ") : "—";
}

export function percent(rate) {
  return rate === null || rate === undefined ? "—" : `${(Number(rate) * 100).toFixed(1)}%`;
}
