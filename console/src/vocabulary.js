// The enum values the part 2 pages show beyond labels.js's (units, inquiries, SLA clocks,
// schedules, webhook deliveries), and the shared ones under the names these pages use.
import { DECISIONS, localTime, OUTCOMES, TICKET_STATUS as TICKET_STATUS_TAGS, UTILITY_LABELS } from "./labels.js";
import { ROLE_LABELS } from "./roles.js";

export const UTILITY = UTILITY_LABELS;
export const ROLE = ROLE_LABELS;
export const DECISION = DECISIONS;
export const OUTCOME = OUTCOMES;
export const TICKET_STATUS = Object.fromEntries(Object.entries(TICKET_STATUS_TAGS).map(([key, [label]]) => [key, label]));
export const OPEN_TICKET_STATUSES = ["PENDING_REVIEW", "CORRECTION_REQUESTED", "SURVEY_PENDING", "SURVEYED"];

export const UNIT = { SERVICE_CENTRE: "政务服务中心", WATER: "供水企业", POWER: "供电企业", GAS: "燃气企业" };
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
  return localTime(value) || "—";
}

export function percent(rate) {
  return rate === null || rate === undefined ? "—" : `${(Number(rate) * 100).toFixed(1)}%`;
}
