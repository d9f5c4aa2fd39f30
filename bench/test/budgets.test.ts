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

  test(`a browser app calling one operation (a function on a core) loads ≤ ${BUNDLE_BUDGET_GZIP_BYTES} bytes gzipped up front`, () => {
    expect(app.upFront.gzipped).toBeLessThanOrEqual(BUNDLE_BUDGET_GZIP_BYTES);
  });

  test("the input checks and the error reading stay out of that first load, and the other operations out of the page", async () => {
    expect(app.lazy.map((c) => chunkName(c.file))).toEqual(expect.arrayContaining(["validate", "failure"]));
    const page = (await bundleFixture("browser-app.ts")).graph;
    const upFront = [...page.chunks.values()].filter((c) => app.upFront.files.includes(c.file));
    const text = upFront.map((c) => new TextDecoder().decode(c.code)).join("");
    expect(text).toContain("/actions/status-sync");
    expect(text).not.toContain("/api/v2/dns-zones");
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

  test(`the one-function app's first load stays ≤ ${BUNDLE_BUDGET_GZIP_BYTES} bytes gzipped, in one file, with either`, () => {
    for (const s of [few, many]) {
      expect(s.firstLoad.gzipped).toBeLessThanOrEqual(BUNDLE_BUDGET_GZIP_BYTES);
      expect(s.firstLoad.files).toBe(1);
    }
  });

  // The tolerance and why: bundle-size.ts (FIRST_LOAD_OPERATIONS_TOLERANCE_BYTES).
  test(`the one-function app's first load does not grow with the operations: same minified bytes, gzip within ${FIRST_LOAD_OPERATIONS_TOLERANCE_BYTES} bytes`, () => {
    expect(many.firstLoad.minified).toBe(few.firstLoad.minified);
    expect(Math.abs(many.firstLoad.gzipped - few.firstLoad.gzipped)).toBeLessThanOrEqual(FIRST_LOAD_OPERATIONS_TOLERANCE_BYTES);
  });

  test("the client with every method carries the operation table up front: its first load grew with the operations", () => {
    // ~11 bytes gzipped per operation when this was written: a client that did not grow was not measured
    expect(many.client.gzipped - few.client.gzipped).toBeGreaterThan((many.operations - few.operations) * 4);
    expect(few.client.gzipped).toBeGreaterThan(few.firstLoad.gzipped);
    expect(many.client.files).toBe(1);
  });
});

describe("before the first request (the SDK as built)", () => {
  let requests: FirstRequest[];
  beforeAll(async () => {
    requests = await measureFirstRequests();
    console.log(renderFirstRequests(requests));
  });
  const named = (name: string) => requests.find((r) => r.name.startsWith(name))!.plan;

  // The counts tests/browser observes in Chromium (test/lazy-parts.test.ts).
  test("a call without a body waits for nothing: the page's one file, one round trip, function or method", () => {
    for (const name of ["syncDomainStatus(core", "hostup.syncDomainStatus"]) {
      const plan = named(name);
      expect(plan.upFront.files, name).toHaveLength(1);
      expect(plan.steps, name).toEqual([]);
      expect(plan.roundTrips, name).toBe(1);
    }
  });

  test("a call with a body waits for the input checks, and what they import", () => {
    const plan = named("createDynDnsConfig");
    expect(plan.steps.map((s) => s.files.map(chunkName)[0])).toEqual(["validate"]);
    expect(plan.steps[0]!.roundTrips).toBe(2);
    expect(plan.roundTrips).toBe(3);
  });

  test("a workflow's first call waits for the workflows (then, with a query, the input checks)", () => {
    const plan = named("hostup.findDomainByName");
    expect(plan.upFront.files).toHaveLength(1);
    expect(plan.steps.map((s) => s.files.map(chunkName)[0])).toEqual(["workflows", "validate"]);
    expect(plan.roundTrips).toBe(1 + plan.steps.reduce((n, s) => n + s.roundTrips, 0));
    expect(plan.roundTrips).toBeLessThanOrEqual(5);
  });

  test("preload() fetches all of it at once: no more round trips than a body's first call", () => {
    const plan = named("await preload()");
    expect(plan.steps).toHaveLength(1);
    expect(plan.steps[0]!.files.map(chunkName)).toEqual(expect.arrayContaining(["validate", "failure"]));
    expect(plan.roundTrips).toBeLessThanOrEqual(named("createDynDnsConfig").roundTrips);
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
