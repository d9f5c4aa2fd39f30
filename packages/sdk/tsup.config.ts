import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  // The SDK runs wherever fetch exists (Node ≥ 20, browsers): no Node built-ins, no platform shims.
  platform: "neutral",
  target: "es2022",
  splitting: false,
  treeshake: true,
});
