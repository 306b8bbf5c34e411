// An API error as the person at the desk should read it: the API's messages are Chinese first
// ("中文。English."), so the Chinese part is shown; codes without a useful message get a plain
// sentence of their own.
const PLAIN = {
  FORBIDDEN: "您没有权限执行此操作。",
  NOT_FOUND: "找不到该对象，可能已被删除或您无权查看。",
  CONFLICT: "该记录刚被他人修改，请刷新后重试。",
  RATE_LIMITED: "操作过于频繁，请稍后再试。",
  UPSTREAM_UNAVAILABLE: "外部系统暂时不可用，请稍后再试。",
  INTERNAL: "服务器出错，请稍后再试；如持续出现请联系管理员。",
  NETWORK: "无法连接服务器，请检查网络后重试。",
};

// The Chinese part of a bilingual message: "材料不齐，缺少：X (missing materials)" or
// "中文。English sentence." both give the Chinese.
export function chinesePart(message) {
  if (!message) return "";
  const withoutGloss = message.replace(/\s*\([^()]*[A-Za-z][^()]*\)\s*$/, "");
  const match = withoutGloss.match(/^(.*?[。！？])\s*[A-Z][a-z]/s);
  return (match ? match[1] : withoutGloss).trim();
}

export function errorText(error) {
  if (!error) return "";
  const message = chinesePart(error.message);
  if (message && /[\u4e00-\u9fff]/.test(message)) return message;
  return PLAIN[error.code] || message || "操作失败，请稍后再试。";
}
