import { readFileSync } from "node:fs";
import { defineConfig } from "vitest/config";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as { version: string };

export default defineConfig({
  // What tsup.config.ts replaces in the build, for tests that import the source.
  define: { __HOSTUP_CLI_VERSION__: JSON.stringify(version) },
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["@hostup/mock/vitest-global-setup"],
    testTimeout: 30_000,
  },
});
