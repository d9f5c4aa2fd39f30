import { readFileSync } from "node:fs";
import { defineConfig } from "vitest/config";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as { version: string };

export default defineConfig({
  // What tsup.config.ts replaces in the build, so the tests run the source as it ships.
  define: { __HOSTUP_SDK_VERSION__: JSON.stringify(version) },
  test: {
    include: ["test/**/*.test.ts"],
    // One Prism mock (with --errors: any request or response that breaks the spec fails) for the run;
    // TEST_API_BASE_URL points the suite at an already running server instead.
    globalSetup: ["@hostup/mock/vitest-global-setup"],
    testTimeout: 15_000,
  },
});
