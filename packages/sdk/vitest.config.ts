import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One Prism mock (with --errors: any request or response that breaks the spec fails) for the run;
    // TEST_API_BASE_URL points the suite at an already running server instead.
    globalSetup: ["@hostup/mock/vitest-global-setup"],
    testTimeout: 15_000,
  },
});
