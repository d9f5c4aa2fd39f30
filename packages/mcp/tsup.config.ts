import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as { version: string };

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  // A server: stdio and node:http.
  platform: "node",
  target: "node20",
  // The version the server names itself with (src/version.ts).
  define: { __HOSTUP_MCP_VERSION__: JSON.stringify(version) },
});
