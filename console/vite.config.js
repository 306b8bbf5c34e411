// The console is built into the Python package, so `make run` and `make test` need no Node.js:
// `npm run build` here writes hub/web/static/console/ (committed) and the hash of these sources
// that tests/console/test_console_build.py compares, so a source change without a rebuild fails.
import { fileURLToPath } from "node:url";
import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vite";
import { thirdPartyLicenses } from "./scripts/third-party-licenses.mjs";

export default defineConfig({
  base: "/console/",
  plugins: [vue(), thirdPartyLicenses()],
  resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL("../hub/web/static/console", import.meta.url)),
    emptyOutDir: true,
    // The intranet serves these from the hub itself; no source maps shipped.
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // Stable chunk names for the libraries: a page change does not re-hash them.
        manualChunks(id) {
          if (id.includes("node_modules/echarts") || id.includes("node_modules/zrender")) return "echarts";
          if (id.includes("node_modules/element-plus") || id.includes("node_modules/@element-plus")) return "element-plus";
          if (id.includes("node_modules/")) return "vendor";
        },
      },
    },
  },
});
