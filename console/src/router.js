// Every page has an address that can be bookmarked and shared (/console/cases/{id},
// /console/tickets/{id}); opening one signed out signs in first, then shows it.
import { createRouter, createWebHistory } from "vue-router";
import meDocument from "./operations/Me.graphql?raw";
import { request } from "./api.js";
import { homeOf, MENU } from "./roles.js";
import { session } from "./session.js";

const routes = [
  { path: "/signin", component: () => import("./pages/SignIn.vue"), meta: { public: true, title: "登录" } },
  { path: "/", component: () => import("./pages/Home.vue"), meta: { title: "工作台" } },
  { path: "/queue", component: () => import("./pages/CaseQueue.vue"), meta: { title: "受理队列", roles: ["WINDOW"] } },
  // Pages register here, each with the roles that may open it (see roles.js for the menu).
  {
    path: "/cases/:id",
    component: () => import("./pages/CasePage.vue"),
    meta: { title: "案件", roles: ["WINDOW", "UTILITY", "ADMIN"] },
  },
  { path: "/filing", component: () => import("./pages/Filing.vue"), meta: { title: "帮办代办", roles: ["WINDOW"] } },
  // Part 2: the utility desk, the liaison inbox, the supervisor, the admin.
  { path: "/tickets", component: () => import("./pages/TicketQueue.vue"), meta: { title: "工单队列", roles: ["UTILITY"] } },
  { path: "/tickets/:id", component: () => import("./pages/TicketPage.vue"), meta: { title: "工单", roles: ["UTILITY", "ADMIN"] } },
  { path: "/inquiries", component: () => import("./pages/Inquiries.vue"), meta: { title: "协调事项", roles: ["LIAISON", "WINDOW", "UTILITY", "ADMIN"] } },
  { path: "/figures", component: () => import("./pages/Figures.vue"), meta: { title: "统计分析", roles: ["WINDOW", "ADMIN"] } },
  { path: "/admin/users", component: () => import("./pages/AdminUsers.vue"), meta: { title: "用户管理", roles: ["ADMIN"] } },
  { path: "/admin/keys", component: () => import("./pages/AdminKeys.vue"), meta: { title: "API 密钥", roles: ["ADMIN"] } },
  { path: "/admin/liaisons", component: () => import("./pages/AdminLiaisons.vue"), meta: { title: "联络员", roles: ["ADMIN"] } },
  { path: "/admin/holidays", component: () => import("./pages/AdminHolidays.vue"), meta: { title: "节假日安排", roles: ["ADMIN"] } },
  { path: "/admin/webhooks", component: () => import("./pages/AdminWebhooks.vue"), meta: { title: "Webhook 推送", roles: ["ADMIN"] } },
];

export const router = createRouter({ history: createWebHistory("/console/"), routes });

async function currentUser() {
  if (!session.checked) {
    try {
      session.user = (await request(meDocument, {}, { reauthenticate: false })).me;
    } catch {
      session.user = null;
    }
    session.checked = true;
  }
  return session.user;
}

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  const user = await currentUser();
  if (!user) return { path: "/signin", query: { next: to.fullPath } };
  if (to.path === "/") return homeOf(user);
  const allowed = to.meta.roles || MENU.find((item) => to.path.startsWith(item.path))?.roles;
  if (allowed && !allowed.includes(user.role)) return homeOf(user);
  return true;
});

router.afterEach((to) => {
  document.title = `${to.meta.title || "工作台"} · 水电气联合报装`;
});
