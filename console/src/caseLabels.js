// Chinese words for the API's case values, shared by the pages that list cases.
export const CASE_STATUS_LABELS = {
  DRAFT: "草稿",
  SUBMITTED: "待受理审查",
  CORRECTION_REQUIRED: "待补正",
  IN_PROGRESS: "办理中",
  CONSOLIDATING: "汇总答复中",
  REPLIED: "已答复",
  WITHDRAWN: "已撤回",
};

export const UTILITY_LABELS = { WATER: "用水", POWER: "用电", GAS: "用气" };

// "2026-12-01T09:30:00+08:00" → "2026-12-01 09:30" (the API answers in +08:00, the hall's time).
export function shortTime(value) {
  return value ? value.slice(0, 16).replace("T", " ") : "";
}
