// The budgets CI enforces: only deterministic figures (bundle bytes, compiler work), never
// wall-clock timings. The benchmarks that print timings are `pnpm bench` (src/all.ts).
import { beforeAll, describe, expect, test } from "vitest";
import { BUNDLE_BUDGET_GZIP_BYTES, chunkName, measureBundles, type BundleSize } from "../src/bundle-size.js";
import { INSTANTIATION_BUDGET, measureTypecheckCost } from "../src/typecheck-cost.js";

describe("bundle size (esbuild --bundle --minify --splitting, gzip -9)", () => {
  let app: BundleSize;
  beforeAll(async () => {
    app = (await measureBundles()).find((s) => s.fixture === "browser-app.ts")!;
    console.log(
      `browser-app.ts: ${app.gzipped} bytes gzipped up front (${app.minified} minified), lazy chunks ` +
        `${app.lazy.map((c) => `${chunkName(c.chunk)} ${c.gzipped}`).join(", ")}; budget ${BUNDLE_BUDGET_GZIP_BYTES}`,
    );
  });

  test(`a browser app calling one method loads ≤ ${BUNDLE_BUDGET_GZIP_BYTES} bytes gzipped up front`, () => {
    expect(app.gzipped).toBeLessThanOrEqual(BUNDLE_BUDGET_GZIP_BYTES);
  });

  test("the raw client (with openapi-fetch), the workflows, the input checks and the error reading stay out of that first load", () => {
    expect(app.lazy.map((c) => chunkName(c.chunk))).toEqual(expect.arrayContaining(["raw", "workflows", "validate", "failure"]));
  });

  // A lazily loaded module that imported a core module at run time would make the bundler move that
  // module into a shared chunk, and the page would fetch it as a second file (packages/sdk/src/README.md).
  test("that first load is one file: the lazily loaded parts share no code with the core", () => {
    expect(app.initialFiles).toBe(1);
  });
});

describe("type-check cost", () => {
  test(`a consumer of every operation adds ≤ ${INSTANTIATION_BUDGET} type instantiations`, async () => {
    const cost = await measureTypecheckCost();
    console.log(
      `consumer.ts: ${cost.added.instantiations} instantiations, ${cost.added.types} types over an empty file (TypeScript ${cost.typescript}); budget ${INSTANTIATION_BUDGET}`,
    );
    expect(cost.added.instantiations).toBeLessThanOrEqual(INSTANTIATION_BUDGET);
  });
});
