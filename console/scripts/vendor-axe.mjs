// axe-core runs in the browser tests (tests/console/): the tests inject this copy, so CI needs
// no Node.js. Copied from node_modules with its licence and version.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const from = fileURLToPath(new URL("../node_modules/axe-core/", import.meta.url));
const to = fileURLToPath(new URL("../../tests/console/axe/", import.meta.url));
mkdirSync(to, { recursive: true });
copyFileSync(from + "axe.min.js", to + "axe.min.js");
copyFileSync(from + "LICENSE", to + "LICENSE");
const { version, license } = JSON.parse(readFileSync(from + "package.json", "utf8"));
writeFileSync(to + "VERSION", `axe-core ${version} (${license})\n`);
