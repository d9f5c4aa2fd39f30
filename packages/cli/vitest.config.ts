import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["@hostup/mock/vitest-global-setup"],
    testTimeout: 30_000,
  },
});
