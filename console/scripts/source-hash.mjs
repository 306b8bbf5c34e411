// One sha256 over the console's sources (path and content of every file that shapes the build),
// written beside the build as SOURCE_HASH. tests/console/test_console_build.py computes the same
// hash in Python: a source edited without `npm run build` fails the suite.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const target = join(root, "..", "hub", "web", "static", "console", "SOURCE_HASH");
const inputs = ["index.html", "package.json", "package-lock.json", "vite.config.js", "src"];

function files(path) {
  if (statSync(path).isDirectory()) {
    return readdirSync(path).sort().flatMap((name) => files(join(path, name)));
  }
  return [path];
}

export function sourceHash() {
  const hash = createHash("sha256");
  for (const file of inputs.flatMap((input) => files(join(root, input))).sort()) {
    hash.update(relative(root, file).split("\\").join("/"));
    hash.update("\0");
    hash.update(readFileSync(file));
    hash.update("\0");
  }
  return hash.digest("hex");
}

const hash = sourceHash();
if (process.argv.includes("--write")) {
  writeFileSync(target, hash + "\n");
  console.log(`SOURCE_HASH ${hash}`);
} else if (readFileSync(target, "utf8").trim() !== hash) {
  console.error("the console's sources changed since the last build: run npm run build");
  process.exit(1);
}
