// An ApiError as a person reads it: the Chinese part of the API's message (messages are
// "中文 (English)"), or a plain sentence for the codes whose message says little.
const BY_CODE = {
  NETWORK: "无法连接服务器，请检查网络后重试",
  FORBIDDEN: "您没有权限执行此操作",
  NOT_FOUND: "找不到该记录，可能已被删除或您无权查看",
  RATE_LIMITED: "操作过于频繁，请稍后再试",
  INTERNAL: "系统出现错误，请稍后再试",
};

export function chinese(message) {
  return (message || "").replace(/\s*\([^()]*[A-Za-z][^()]*\)\s*$/, "").trim();
}

export function plainError(error) {
  if (!error) return "";
  if (error.code === "BAD_USER_INPUT" && Object.keys(error.fields || {}).length) {
    return "请按提示修改标红的内容";
  }
  if (error.code in BY_CODE && error.code !== "FORBIDDEN" && error.code !== "NOT_FOUND") {
    return BY_CODE[error.code];
  }
  return chinese(error.message) || BY_CODE[error.code] || "操作失败";
}

// The inline message of one field path ("input.quoteAmount"), in Chinese.
export function fieldError(error, path) {
  const message = error?.fields?.[path];
  return message ? chinese(message) : "";
}
