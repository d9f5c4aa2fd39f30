import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/cli.ts", "src/vitest-global-setup.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
  platform: "node",
  // provides import.meta.url in the CJS build (used to resolve Prism and the bundled spec)
  shims: true,
  splitting: false,
  // the spec walker is ESM-only: bundled, so that the CJS build does not require() it
  noExternal: ["@hostup/openapi/walk"],
});
