// The budgets CI enforces: only deterministic figures (bundle bytes, compiler work), never
// wall-clock timings. The benchmarks that print timings are `pnpm bench` (src/all.ts).
import { operationIds, realSpec } from "../src/support/synthetic-spec.js";
import { beforeAll, describe, expect, test } from "vitest";
import {
  BUNDLE_BUDGET_GZIP_BYTES,
  chunkName,
  FIRST_LOAD_OPERATIONS_TOLERANCE_BYTES,
  measureBundles,
  measureFirstRequests,
  measureOperationScaling,
  renderFirstRequests,
  renderOperationScaling,
  type BundleSize,
  type FirstRequest,
  type OperationScaling,
} from "../src/bundle-size.js";
import { bundleFixture, fixtureFile } from "../src/support/bundle.js";
import {
  INSTANTIATION_BUDGET,
  measureTypecheckCost,
  measureTypecheckSlope,
  PER_OPERATION_INSTANTIATION_BUDGET,
  renderTypecheckSlope,
  type TypecheckSlope,
} from "../src/typecheck-cost.js";

describe("bundle size (esbuild --bundle --minify --splitting, gzip -9)", () => {
  let app: BundleSize;
  beforeAll(async () => {
    app = (await measureBundles()).find((s) => s.fixture === "browser-app.ts")!;
    console.log(
      `browser-app.ts: ${app.upFront.gzipped} bytes gzipped up front (${app.upFront.minified} minified), lazy chunks ` +
        `${app.lazy.map((c) => `${chunkName(c.file)} ${c.gzipped}`).join(", ")}; budget ${BUNDLE_BUDGET_GZIP_BYTES}`,
    );
  });

  test(`a browser app calling one method loads ≤ ${BUNDLE_BUDGET_GZIP_BYTES} bytes gzipped up front`, () => {
    expect(app.upFront.gzipped).toBeLessThanOrEqual(BUNDLE_BUDGET_GZIP_BYTES);
  });

  test("the operation table, the raw client (with openapi-fetch), the workflows, the input checks and the error reading stay out of that first load", () => {
    expect(app.lazy.map((c) => chunkName(c.file))).toEqual(
      expect.arrayContaining(["operations", "raw", "workflows", "validate", "failure"]),
    );
  });

  // A lazily loaded module that imported a core module at run time would make the bundler move that
  // module into a shared chunk, and the page would fetch it as a second file (packages/sdk/src/README.md).
  test("that first load is one file: the lazily loaded parts share no code with the core", () => {
    expect(app.upFront.files).toHaveLength(1);
  });

  test("a fixture that does not exist fails the benchmark instead of being left out", async () => {
    expect(() => fixtureFile("ky-app.ts")).toThrow("bench/fixtures/ky-app.ts does not exist");
    await expect(bundleFixture("ky-app.ts")).rejects.toThrow("does not exist");
  });
});

describe("first load and number of operations (the SDK built from the real spec and from a synthetic one)", () => {
  let few: OperationScaling;
  let many: OperationScaling;
  beforeAll(async () => {
    [few, many] = (await measureOperationScaling()) as [OperationScaling, OperationScaling];
    console.log(renderOperationScaling([few, many]));
  }, 120_000);

  test("the synthetic spec has at least 60 operations", () => {
    expect(few.operations).toBe(operationIds(realSpec()).length);
    expect(many.operations).toBeGreaterThanOrEqual(60);
  });

  test(`the first load stays ≤ ${BUNDLE_BUDGET_GZIP_BYTES} bytes gzipped, in one file, with either`, () => {
    for (const s of [few, many]) {
      expect(s.firstLoad.gzipped).toBeLessThanOrEqual(BUNDLE_BUDGET_GZIP_BYTES);
      expect(s.firstLoad.files).toBe(1);
    }
  });

  // The tolerance and why: bundle-size.ts (FIRST_LOAD_OPERATIONS_TOLERANCE_BYTES).
  test(`the first load does not grow with the operations: same minified bytes, gzip within ${FIRST_LOAD_OPERATIONS_TOLERANCE_BYTES} bytes`, () => {
    expect(many.firstLoad.minified).toBe(few.firstLoad.minified);
    expect(Math.abs(many.firstLoad.gzipped - few.firstLoad.gzipped)).toBeLessThanOrEqual(FIRST_LOAD_OPERATIONS_TOLERANCE_BYTES);
  });

  test("the operations went where they load on first need: the operation table's chunk grew", () => {
    // ~9 bytes gzipped per operation when this was written: a table that did not grow was not measured
    expect(many.table - few.table).toBeGreaterThan((many.operations - few.operations) * 4);
  });
});

describe("before the first request (the SDK as built)", () => {
  let requests: FirstRequest[];
  beforeAll(async () => {
    requests = await measureFirstRequests();
    console.log(renderFirstRequests(requests));
  });
  const named = (name: string) => requests.find((r) => r.name.startsWith(name))!.plan;

  // The counts tests/browser observes in Chromium (test/sdk-in-browser.test.ts, "round trips").
  test("a call without a body waits for the operation table: one chunk that imports nothing", () => {
    const plan = named("syncDomainStatus");
    expect(plan.upFront.files).toHaveLength(1);
    expect(plan.steps.map((s) => s.files.map(chunkName))).toEqual([["operations"]]);
    expect(plan.roundTrips).toBe(2);
  });

  test("a call with a body then waits for the input checks, and what they import", () => {
    const plan = named("createDynDnsConfig");
    expect(plan.steps.map((s) => s.files.map(chunkName)[0])).toEqual(["operations", "validate"]);
    expect(plan.steps[1]!.roundTrips).toBe(2);
    expect(plan.roundTrips).toBe(4);
  });

  // No workflow name is listed up front: a workflow's name is looked up in the workflows once the table
  // lacks it. Before, the workflows loaded first and the table when they called a method: as many trips.
  test("a workflow's first call waits for the table, then the workflows (then, with a query, the input checks)", () => {
    const plan = named("findDomainByName");
    expect(plan.upFront.files).toHaveLength(1);
    expect(plan.steps.map((s) => s.files.map(chunkName)[0])).toEqual(["operations", "workflows", "validate"]);
    expect(plan.steps.map((s) => s.roundTrips)).toEqual([1, 2, 2]);
    expect(plan.roundTrips).toBe(6);
  });

  test("preload() fetches all of it at once: fewer round trips than a body's first call", () => {
    const plan = named("await preload()");
    expect(plan.steps).toHaveLength(1);
    expect(plan.steps[0]!.files.map(chunkName)).toEqual(expect.arrayContaining(["operations", "validate", "failure"]));
    expect(plan.roundTrips).toBe(3);
    expect(plan.roundTrips).toBeLessThan(named("createDynDnsConfig").roundTrips);
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

  describe("per operation (between the real spec and the synthetic one)", () => {
    let slope: TypecheckSlope;
    // Two SDK builds with their declarations and generated types, then eight compiler runs.
    beforeAll(async () => {
      slope = await measureTypecheckSlope();
      console.log(renderTypecheckSlope(slope));
    }, 300_000);

    test.each(["methods", "raw"] as const)("through %s: ≤ the per-operation budget", (kind) => {
      expect(slope.operations.many).toBeGreaterThanOrEqual(60);
      expect(slope[kind].perOperation.instantiations).toBeLessThanOrEqual(PER_OPERATION_INSTANTIATION_BUDGET[kind]);
      expect(slope[kind].perOperation.instantiations, "a slope of 0: the copies were not measured").toBeGreaterThan(0);
    });

    test("a method call costs the same however many operations the API has", () => {
      expect(slope.methods.sameCallsAtMany).toEqual(slope.methods.few);
    });
  });
});
