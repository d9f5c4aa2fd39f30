import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // each test spawns Prism processes; keep the 2-core machines from thrashing
    fileParallelism: false,
  },
});
