import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as { version: string };

export default defineConfig({
  entry: ["src/index.ts", "src/operations.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  // The SDK runs wherever fetch exists (Node ≥ 20, browsers): no Node built-ins, no platform shims.
  platform: "neutral",
  target: "es2022",
  // No `splitting` option: tsup splits the ESM build (its default) and not the CJS one. The ESM
  // build thus keeps the lazily loaded parts (input validation, workflows, the raw client with
  // openapi-fetch) in chunks of their own, which apps' bundlers split off in turn; the CJS build
  // stays one file.
  treeshake: true,
  // The version the SDK names itself with (src/eager/user-agent.ts).
  define: { __HOSTUP_SDK_VERSION__: JSON.stringify(version) },
});
