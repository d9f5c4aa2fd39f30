import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // tsc runs twice (about 2 s each on a 2-core machine); esbuild bundles a few fixtures.
    testTimeout: 60_000,
  },
});
