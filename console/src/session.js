// Who is signed in, and the sign-in dialog an expired session opens over the current page.
import { reactive } from "vue";

export const session = reactive({
  user: null, // the API's `me`
  checked: false, // `me` asked once since the page loaded
  expired: false, // the re-sign-in dialog is open
});

let waiting = [];

// Called by api.js when a request answers UNAUTHENTICATED: resolves once signed in again.
export function sessionExpired() {
  session.expired = true;
  return new Promise((resolve) => waiting.push(resolve));
}

export function signedInAgain(user) {
  session.user = user;
  session.expired = false;
  const resolved = waiting;
  waiting = [];
  for (const resolve of resolved) resolve();
}
