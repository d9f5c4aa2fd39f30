import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // installs Debian's chromium when /usr/bin/chromium is missing (scripts/ensure-chromium)
    globalSetup: ["@hostup/chromium-testing/vitest-global-setup"],
    testTimeout: 30_000,
    // Prism and Chromium start in beforeAll (a few seconds each on a 2-core machine)
    hookTimeout: 60_000,
    // Each test file starts its own Prism and Chromium: one file at a time on a 2-core machine.
    fileParallelism: false,
  },
});
