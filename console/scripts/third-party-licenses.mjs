// A Vite plugin of `npm run build`: writes THIRD_PARTY_LICENSES.txt beside the build, naming
// every npm package whose code went into it (from the bundle's own module list, so nothing
// installed but unused is named, and nothing used is missed), its version and licence, and
// the licence's text from the package.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const NODE_MODULES = "/node_modules/";

function packageDirOf(moduleId) {
  const path = moduleId.replace(/^\0/, "").split("?")[0].split("\\").join("/");
  const at = path.lastIndexOf(NODE_MODULES);
  if (at < 0) return null;
  const parts = path.slice(at + NODE_MODULES.length).split("/");
  const depth = parts[0].startsWith("@") ? 2 : 1;
  return path.slice(0, at + NODE_MODULES.length) + parts.slice(0, depth).join("/");
}

function licenceText(dir) {
  const file = readdirSync(dir).find((name) => /^licen[cs]e(\.(md|txt))?$/i.test(name));
  return file ? readFileSync(join(dir, file), "utf8").trim() : "(no licence file in the package)";
}

export function thirdPartyLicenses() {
  return {
    name: "third-party-licenses",
    generateBundle(_options, bundle) {
      const dirs = new Set();
      for (const output of Object.values(bundle)) {
        for (const id of output.moduleIds || Object.keys(output.modules || {})) {
          const dir = packageDirOf(id);
          if (dir && existsSync(join(dir, "package.json"))) dirs.add(dir);
        }
      }
      const packages = [...dirs]
        .map((dir) => ({ dir, ...JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) }))
        .sort((a, b) => a.name.localeCompare(b.name));
      const sections = packages.map(
        (pkg) => `${pkg.name} ${pkg.version} (${pkg.license || "UNKNOWN"})\n\n${licenceText(pkg.dir)}\n`,
      );
      const header =
        "Third-party software in the staff console's build (hub/web/static/console/), " +
        "written by `npm run build`.\n" +
        packages.map((pkg) => `- ${pkg.name} ${pkg.version} ${pkg.license || "UNKNOWN"}`).join("\n") +
        "\n";
      this.emitFile({
        type: "asset",
        fileName: "THIRD_PARTY_LICENSES.txt",
        source: [header, ...sections].join("\n" + "-".repeat(78) + "\n\n"),
      });
    },
  };
}
