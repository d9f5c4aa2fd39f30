import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
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
