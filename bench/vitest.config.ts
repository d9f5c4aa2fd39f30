import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // tsc runs a few times (about 2 s each on a 2-core machine); esbuild bundles a few fixtures, also
    // against SDK copies built from other specs. The per-operation type-check runs set their own.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
