// ErrorText.js's plain Chinese for a whole error, plus what the part 2 forms need: one line
// for a form whose fields carry the API's messages, and the message of one field path.
import { chinesePart, errorText } from "./components/ErrorText.js";

export function plainError(error) {
  if (!error) return "";
  if (error.code === "BAD_USER_INPUT" && Object.keys(error.fields || {}).length) {
    return "请按提示修改标红的内容";
  }
  return errorText(error);
}

// The inline message of one field path ("input.quoteAmount"), in Chinese.
export function fieldError(error, path) {
  const message = error?.fields?.[path];
  return message ? chinesePart(message) : "";
}
