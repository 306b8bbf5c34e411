// Who sees which desk: the menu and the router's guard both read this.
export const ROLE_LABELS = {
  WINDOW: "综合窗口",
  UTILITY: "公用企业",
  LIAISON: "联络员",
  ADMIN: "管理员",
  APPLICANT: "申请企业",
};

// The menu, in order. `roles` lists who may open the page.
export const MENU = [
  { path: "/queue", label: "受理队列", roles: ["WINDOW"] },
  { path: "/filing", label: "帮办代办", roles: ["WINDOW"] },
  { path: "/tickets", label: "工单队列", roles: ["UTILITY"] },
  { path: "/inquiries", label: "协调事项", roles: ["LIAISON", "WINDOW", "UTILITY"] },
  { path: "/figures", label: "统计分析", roles: ["WINDOW", "ADMIN"] },
  { path: "/admin/users", label: "用户管理", roles: ["ADMIN"] },
  { path: "/admin/keys", label: "API 密钥", roles: ["ADMIN"] },
  { path: "/admin/liaisons", label: "联络员", roles: ["ADMIN"] },
  { path: "/admin/holidays", label: "节假日安排", roles: ["ADMIN"] },
  { path: "/admin/webhooks", label: "Webhook 推送", roles: ["ADMIN"] },
];

export function homeOf(user) {
  const first = MENU.find((item) => item.roles.includes(user.role));
  return first ? first.path : "/signin";
}
