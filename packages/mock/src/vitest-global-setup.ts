/**
 * Vitest global setup: starts one Prism mock (with `errors: true`, so responses that break the
 * spec fail loudly) for the whole test run.
 *
 *   // vitest.config.ts
 *   test: { globalSetup: ["@hostup/mock/vitest-global-setup"] }
 *
 * Tests read the base URL from `process.env.HOSTUP_MOCK_URL` or `inject("HOSTUP_MOCK_URL")`.
 * If `TEST_API_BASE_URL` is set, no mock is started and that URL is used instead.
 * `HOSTUP_MOCK_SPEC` overrides the spec (default: the bundled @hostup/openapi spec).
 *
 * `inject("HOSTUP_MOCK_URL")` is typed once the test program sees this module's types, e.g. with
 * `import type {} from "@hostup/mock/vitest-global-setup";` in a test helper (or vitest.config.ts).
 */
import type {} from "vitest"; // type-only: loads vitest's types so the augmentation below applies
import { startMockServer } from "./server.js";

/** The part of vitest's `TestProject` used here (structural, so any vitest version with `provide` fits). */
export interface ProvideTarget {
  provide(key: "HOSTUP_MOCK_URL", value: string): void;
}

export default async function setup(project?: ProvideTarget): Promise<() => Promise<void>> {
  const external = process.env.TEST_API_BASE_URL?.trim();
  if (external) {
    const url = external.replace(/\/+$/, "");
    process.env.HOSTUP_MOCK_URL = url;
    project?.provide?.("HOSTUP_MOCK_URL", url);
    return async () => {};
  }

  const server = await startMockServer({
    errors: true,
    spec: process.env.HOSTUP_MOCK_SPEC || undefined,
  });
  process.env.HOSTUP_MOCK_URL = server.url;
  project?.provide?.("HOSTUP_MOCK_URL", server.url);

  return async () => {
    await server.close();
    if (process.env.HOSTUP_MOCK_URL === server.url) delete process.env.HOSTUP_MOCK_URL;
  };
}

// Types `inject("HOSTUP_MOCK_URL")` for tests of projects that use this global setup.
declare module "vitest" {
  export interface ProvidedContext {
    HOSTUP_MOCK_URL: string;
  }
}
