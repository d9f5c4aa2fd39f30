import { defineConfig } from "tsup";

export default defineConfig({
  // `@hostup/dns/records`: the record model alone (no zone-file parser), what the SDK loads with its DNS workflows.
  entry: { index: "src/index.ts", "records/index": "src/records/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  // The model runs wherever the SDK does (Node, Bun, Deno, Workers, browsers): no Node built-ins.
  platform: "neutral",
  target: "es2022",
  treeshake: true,
  // punycode.js is CommonJS without types; bundled (about 2 kB), it needs no interop in any runtime.
  noExternal: ["punycode.js"],
});
