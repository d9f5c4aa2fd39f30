import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Building a TypeScript program over the SDK's declarations takes a few seconds on these machines.
    testTimeout: 60_000,
  },
});
