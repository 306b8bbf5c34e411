// The console is a GraphQL client like any other: every operation it sends is a file in
// ./operations/ (validated against schema.graphql by tests/console/test_operations.py), sent with
// the session cookie the hub set on signIn. X-Hub-Console marks a request as the console's: the
// hub accepts the cookie only with it (a cross-site form cannot set a header), see
// docs/integration.md "Staff console".
import { sessionExpired } from "./session.js";

export const CONSOLE_HEADER = { "X-Hub-Console": "1" };

// An error the API answered, with its extensions.code and, for BAD_USER_INPUT, the fields.
export class ApiError extends Error {
  constructor(errors) {
    const first = errors[0] || {};
    super(first.message || "请求失败");
    this.errors = errors;
    this.code = first.extensions?.code || "INTERNAL";
    this.extensions = first.extensions || {};
    // {"input.applicant.uscc": "统一社会信用代码格式不正确", ...} for inline field errors.
    this.fields = Object.fromEntries(
      (this.extensions.fields || []).map((field) => [field.path, field.message]),
    );
  }
}

// Sends one operation (the text of an ./operations/*.graphql file). A session that ended
// (expired, revoked) opens the sign-in dialog and, once signed in again, retries the request,
// so what the person typed on the page is kept.
export async function request(document, variables = {}, { reauthenticate = true } = {}) {
  for (;;) {
    let response;
    try {
      response = await fetch("/graphql", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", ...CONSOLE_HEADER },
        body: JSON.stringify({ query: document, variables }),
      });
    } catch {
      throw new ApiError([{ message: "无法连接服务器，请检查网络后重试", extensions: { code: "NETWORK" } }]);
    }
    const body = await response.json().catch(() => ({}));
    const errors = body.errors || [];
    const unauthenticated = errors.some((error) => error.extensions?.code === "UNAUTHENTICATED");
    if (unauthenticated && reauthenticate && !isSignIn(document)) {
      await sessionExpired();
      continue;
    }
    if (errors.length) throw new ApiError(errors);
    if (!response.ok) {
      throw new ApiError([{ message: `服务器错误（${response.status}）`, extensions: { code: "INTERNAL" } }]);
    }
    return body.data;
  }
}

function isSignIn(document) {
  return /\bsignIn\s*\(/.test(document);
}
