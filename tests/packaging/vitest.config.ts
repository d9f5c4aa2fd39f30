import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Packs the four publishable packages and npm-installs them once into a clean project outside
    // the workspace; every test file uses that project (see test/global-setup.ts).
    globalSetup: ["./test/global-setup.ts"],
    // Generous: tests start Prism (about 2 s each) and run tsc on a 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
  },
});
