// Bundle size: what the SDK adds to a browser page. Each fixture app in fixtures/ is bundled the way
// an app would ship it (support/bundle.ts: esbuild --bundle --minify --splitting, platform browser,
// ESM), and each output file gzipped at level 9: "up front" is what the page loads before the app's
// code runs, "lazy" the chunks behind dynamic imports, loaded on first use. Then:
// - first load vs number of operations: the one-method app against the SDK built from the real spec
//   and from a synthetic one (six times as many operations: support/synthetic-spec.ts), through the same steps;
//   and what a static entry point (the lazy parts a call waits for, imported statically) would cost;
// - before the first request: what an app loads before its first request goes out (the first load
//   plus the lazy parts that call waits for) and the sequential round trips that takes.
// Deterministic for given sources and esbuild version, so CI enforces budgets on it (test/budgets.test.ts).
//
//   tsx src/bundle-size.ts
import { bundleFixture, type Bundle } from "./support/bundle.js";
import { chunkName, gzippedTogether, loadPlan, type ChunkGraph, type LoadPlan } from "./support/chunk-graph.js";
import { fmt, isMain, summary, table } from "./support/measure.js";
import { withSdkBuild, type SdkBuild } from "./support/sdk-from-spec.js";
import { realSpec, syntheticSpec } from "./support/synthetic-spec.js";

export { chunkName } from "./support/chunk-graph.js";

/**
 * What a browser app calling one method (fixtures/browser-app.ts) may load up front, gzipped: issue 6's
 * goal, enforced by CI (test/budgets.test.ts), for the SDK as built and for an API of 66 operations.
 */
export const BUNDLE_BUDGET_GZIP_BYTES = 6_000;

/**
 * How far the first load at 66 operations may be from the one at 11, gzipped. The up-front file is
 * the same code in both; only the content hashes in the names of the lazy chunks it imports differ
 * (five names, eight random characters each), and gzip codes different random characters in a few
 * bits more or less: 1 byte apart when this was set. An operation that leaked into the first load
 * would cost about 9 bytes gzipped each (the table's chunk grows by ~490 bytes for 55 operations),
 * so 16 bytes lets no two operations in. The minified sizes must be equal.
 */
export const FIRST_LOAD_OPERATIONS_TOLERANCE_BYTES = 16;

export interface BundleSize extends Bundle {
  name: string;
  fixture: string;
}

export const FIXTURES: ReadonlyArray<{ name: string; fixture: string }> = [
  { name: "sdk: one method", fixture: "browser-app.ts" },
  { name: "sdk: one method with a body", fixture: "browser-app-body.ts" },
  { name: "sdk: preload(), then one method", fixture: "browser-app-preload.ts" },
  { name: "sdk: raw only", fixture: "browser-app-raw.ts" },
  { name: "sdk: methods + workflows + raw", fixture: "browser-app-workflows.ts" },
  { name: "openapi-fetch alone", fixture: "openapi-fetch-app.ts" },
  { name: "axios (browser build)", fixture: "axios-app.ts" },
];

/** Sizes of every fixture; a listed fixture that does not exist fails the run (support/bundle.ts). */
export async function measureBundles(): Promise<BundleSize[]> {
  const sizes: BundleSize[] = [];
  for (const { name, fixture } of FIXTURES) sizes.push({ name, fixture, ...(await bundleFixture(fixture)) });
  return sizes;
}

/**
 * What each app waits for before its first request goes out, in order: each step's lazy parts load
 * together, a step starts once the one before has loaded. This is the order of the SDK's code
 * (packages/sdk/src/eager/methods.ts and invoke.ts): a first call awaits the operation table, then,
 * with a body or query, the input checks; `preload()` starts the table, the input checks and the
 * error reading at once (client.ts). tests/browser checks it in Chromium.
 */
export const FIRST_REQUESTS: ReadonlyArray<{ name: string; fixture: string; waitsFor: ReadonlyArray<ReadonlyArray<string>> }> = [
  { name: "syncDomainStatus (no body)", fixture: "browser-app.ts", waitsFor: [["operations"]] },
  { name: "createDynDnsConfig (a body)", fixture: "browser-app-body.ts", waitsFor: [["operations"], ["validate"]] },
  { name: "await preload(), then either", fixture: "browser-app-preload.ts", waitsFor: [["operations", "validate", "failure"]] },
  // A workflow's name is not in the table: its first call looks it up in the workflows after the table
  // (eager/methods.ts); findDomainByName's list call has a query, so the input checks come last.
  {
    name: "findDomainByName (a workflow)",
    fixture: "browser-app-workflows.ts",
    waitsFor: [["operations"], ["workflows"], ["validate"]],
  },
];

/** The lazy parts a static entry point would import up front: the table, or all a call may wait for. */
const STATIC_VARIANTS: ReadonlyArray<ReadonlyArray<string>> = [["operations"], ["operations", "validate", "failure"]];

export interface FirstRequest {
  name: string;
  fixture: string;
  plan: LoadPlan;
}

export interface OperationScaling {
  operations: number;
  /** fixtures/browser-app.ts against the SDK built from a spec with that many operations. */
  firstLoad: { files: number; minified: number; gzipped: number };
  /** Lazy, gzipped: the operation table (its chunks, fetched on the first call) and the input checks after it. */
  table: number;
  checks: number;
  firstRequests: FirstRequest[];
  /**
   * The same app if the SDK imported these parts statically: its first load (how many files, and
   * what they would weigh as one file), and the round trips before a body's request goes out.
   */
  staticEntry: Array<{ parts: ReadonlyArray<string>; files: number; gzipped: number; asOneFile: number; bodyRoundTrips: number }>;
}

const plansFor = (graphs: ReadonlyMap<string, ChunkGraph>, without: ReadonlyArray<string> = []): FirstRequest[] =>
  FIRST_REQUESTS.map(({ name, fixture, waitsFor }) => ({
    name,
    fixture,
    plan: loadPlan(
      graphs.get(fixture)!,
      waitsFor.map((parts) => parts.filter((p) => !without.includes(p))).filter((parts) => parts.length),
    ),
  }));

async function graphsOf(sdk?: SdkBuild): Promise<Map<string, ChunkGraph>> {
  const graphs = new Map<string, ChunkGraph>();
  for (const { fixture } of FIRST_REQUESTS) if (!graphs.has(fixture)) graphs.set(fixture, (await bundleFixture(fixture, sdk)).graph);
  return graphs;
}

/** What the first requests wait for with the SDK as built (packages/sdk/dist). */
export async function measureFirstRequests(): Promise<FirstRequest[]> {
  return plansFor(await graphsOf());
}

/** The one-method app against the SDK built from the real spec and from the synthetic one (66 operations). */
export async function measureOperationScaling(): Promise<OperationScaling[]> {
  const results: OperationScaling[] = [];
  for (const spec of [realSpec(), syntheticSpec(realSpec())]) {
    const measured = await withSdkBuild(spec, {}, async (sdk) => {
      const app = await bundleFixture("browser-app.ts", sdk);
      const [table, checks] = loadPlan(app.graph, [["operations"], ["validate"]]).steps;
      return {
        operations: sdk.operations,
        firstLoad: { files: app.upFront.files.length, minified: app.upFront.minified, gzipped: app.upFront.gzipped },
        table: table!.gzipped,
        checks: checks!.gzipped,
        firstRequests: plansFor(await graphsOf(sdk)),
      };
    });
    const staticEntry: OperationScaling["staticEntry"] = [];
    for (const parts of STATIC_VARIANTS) {
      staticEntry.push(
        await withSdkBuild(spec, { staticParts: parts }, async (sdk) => {
          const graphs = await graphsOf(sdk);
          const plans = plansFor(graphs, parts);
          const app = plans.find((r) => r.fixture === "browser-app.ts")!.plan.upFront;
          const body = plans.find((r) => r.fixture === "browser-app-body.ts")!.plan;
          const asOneFile = gzippedTogether(graphs.get("browser-app.ts")!, app.files);
          return { parts, files: app.files.length, gzipped: app.gzipped, asOneFile, bodyRoundTrips: body.roundTrips };
        }),
      );
    }
    results.push({ ...measured, staticEntry });
  }
  return results;
}

const lazyText = (s: Bundle) => (s.lazy.length ? s.lazy.map((c) => `${chunkName(c.file)} ${fmt.kb(c.gzipped)}`).join(", ") : "–");
const stepText = (plan: LoadPlan) =>
  plan.steps
    .map((s) => `${s.parts.join(" + ")}: ${s.files.map(chunkName).join(", ")} (${s.gzipped} B, ${s.roundTrips} trips)`)
    .join("; then ") || "nothing";

export function renderFirstRequests(rows: ReadonlyArray<FirstRequest>): string {
  return table([
    ["first request of", "up front gz", "then waits for (lazy, gz, sequential round trips)", "total gz", "round trips"],
    ...rows.map((r) => [r.name, `${r.plan.upFront.gzipped} B`, stepText(r.plan), `${r.plan.gzipped} B`, String(r.plan.roundTrips)]),
  ]);
}

export function renderOperationScaling(rows: ReadonlyArray<OperationScaling>): string {
  const staticCell = (r: OperationScaling, i: number) => {
    const s = r.staticEntry[i]!;
    return `${s.gzipped} B in ${s.files} files (as one: ${s.asOneFile} B, +${s.asOneFile - r.firstLoad.gzipped}); body: ${s.bodyRoundTrips} trips`;
  };
  return table([
    [
      "operations",
      "first load min",
      "first load gz",
      "files",
      "table (lazy gz)",
      "input checks (lazy gz)",
      "static table",
      "static table + checks + errors",
    ],
    ...rows.map((r) => [
      String(r.operations),
      `${r.firstLoad.minified} B`,
      `${r.firstLoad.gzipped} B`,
      String(r.firstLoad.files),
      `${r.table} B`,
      `${r.checks} B`,
      staticCell(r, 0),
      staticCell(r, 1),
    ]),
  ]);
}

if (isMain(import.meta.url)) {
  console.log(
    "Bundle size: fixtures/*.ts, esbuild --bundle --minify --platform=browser --format=esm --splitting, gzip -9 (node:zlib).\n" +
      "up front: the entry file plus the files it imports statically (what the page loads); lazy: chunks behind a dynamic import\n" +
      "(loaded on first use); one file: the same app without code splitting (dynamic imports inlined).\n",
  );
  const sizes = await measureBundles();
  console.log(
    table([
      ["app", "up front min", "up front gz", "lazy chunks (gz)", "one file min", "one file gz"],
      ...sizes.map((s) => [
        `${s.name} (${s.fixture})`,
        fmt.kb(s.upFront.minified),
        fmt.kb(s.upFront.gzipped),
        lazyText(s),
        fmt.kb(s.single.minified),
        fmt.kb(s.single.gzipped),
      ]),
    ]),
  );
  console.log(
    "\nFirst load vs number of operations: browser-app.ts against the SDK built from source (a temporary copy of packages/sdk/src,",
  );
  console.log("generated from the real spec and from a synthetic one with every path copied five times); static: a static entry point\n");
  const scaling = await measureOperationScaling();
  console.log(renderOperationScaling(scaling));
  console.log(`\nBefore the first request, the SDK as built (${scaling[0]!.operations} operations):\n`);
  const firstRequests = await measureFirstRequests();
  console.log(renderFirstRequests(firstRequests));
  console.log(`\nBefore the first request, built from the synthetic spec (${scaling[1]!.operations} operations):\n`);
  console.log(renderFirstRequests(scaling[1]!.firstRequests));

  const app = sizes.find((s) => s.fixture === "browser-app.ts")!;
  const alone = sizes.find((s) => s.fixture === "openapi-fetch-app.ts")!;
  const [few, many] = scaling as [OperationScaling, OperationScaling];
  const within = (n: number) => (n <= BUNDLE_BUDGET_GZIP_BYTES ? "within" : "OVER");
  summary("bundle size (browser app, esbuild --minify --splitting, gzip -9)", [
    `one method: ${app.upFront.gzipped} bytes gz up front in ${app.upFront.files.length} file(s) (${fmt.kb(app.upFront.minified)} min); ` +
      `budget ${BUNDLE_BUDGET_GZIP_BYTES} bytes: ${within(app.upFront.gzipped)}; without code splitting ${fmt.kb(app.single.gzipped)} gz; ` +
      `openapi-fetch alone ${fmt.kb(alone.upFront.gzipped)}`,
    `first load from source: ${few.firstLoad.gzipped} bytes at ${few.operations} operations, ${many.firstLoad.gzipped} at ${many.operations} ` +
      `(${within(Math.max(few.firstLoad.gzipped, many.firstLoad.gzipped))}); operation table ${few.table} → ${many.table} bytes lazy`,
    ...firstRequests.map(
      (r) => `before the first request, ${r.name}: ${r.plan.gzipped} bytes gz, ${r.plan.roundTrips} sequential round trips`,
    ),
    `static entry point (as one file): +${few.staticEntry[0]!.asOneFile - few.firstLoad.gzipped} bytes up front for the table, ` +
      `+${few.staticEntry[1]!.asOneFile - few.firstLoad.gzipped} for everything a call waits for (at ${many.operations} operations: ` +
      `+${many.staticEntry[0]!.asOneFile - many.firstLoad.gzipped}, +${many.staticEntry[1]!.asOneFile - many.firstLoad.gzipped})`,
  ]);
}
