// Bundle size: what the SDK adds to a browser page. Each fixture app in fixtures/ is bundled the way
// an app would ship it (support/bundle.ts: esbuild --bundle --minify --splitting, platform browser,
// ESM), and each output file gzipped at level 9: "up front" is what the page loads before the app's
// code runs, "lazy" the chunks behind dynamic imports, loaded on first use. Then:
// - first load vs number of operations: the size-sensitive app (one standalone function on
//   createHostupCore) and the same call through the client with every method, against the SDK built
//   from the real spec and from a synthetic one (six times as many operations: support/synthetic-spec.ts);
// - before the first request: what an app loads before its first request goes out (the first load
//   plus the lazy parts that call waits for) and the sequential round trips that takes.
// Deterministic for given sources and esbuild version, so CI enforces budgets on it (test/budgets.test.ts).
//
//   tsx src/bundle-size.ts
import { bundleFixture, type Bundle } from "./support/bundle.js";
import { chunkName, loadPlan, type ChunkGraph, type LoadPlan } from "./support/chunk-graph.js";
import { fmt, isMain, summary, table } from "./support/measure.js";
import { withSdkBuild, type SdkBuild } from "./support/sdk-from-spec.js";
import { realSpec, syntheticSpec } from "./support/synthetic-spec.js";

export { chunkName } from "./support/chunk-graph.js";

/**
 * What a browser app calling one operation (fixtures/browser-app.ts: createHostupCore and one function
 * of `@hostup/sdk/operations`) may load up front, gzipped: enforced by CI (test/budgets.test.ts) for the
 * SDK as built and for an API six times its size. The client with every method is measured beside it
 * (fixtures/browser-app-client.ts); its first load holds the operation table, so it has no fixed budget.
 */
export const BUNDLE_BUDGET_GZIP_BYTES = 6_000;

/**
 * How far the size-sensitive app's first load at six times the operations may be from the one at the
 * API's size, gzipped. The up-front file is the same code in both; only the content hashes in the
 * names of the lazy chunks it imports differ (eight random characters each), and gzip codes different
 * random characters in a few bits more or less. An operation that leaked into the first load would
 * cost about 9 bytes gzipped each, so 16 bytes lets no two operations in. The minified sizes must be equal.
 */
export const FIRST_LOAD_OPERATIONS_TOLERANCE_BYTES = 16;

export interface BundleSize extends Bundle {
  name: string;
  fixture: string;
}

export const FIXTURES: ReadonlyArray<{ name: string; fixture: string }> = [
  { name: "sdk functions: one operation", fixture: "browser-app.ts" },
  { name: "sdk functions: one operation with a body", fixture: "browser-app-body.ts" },
  { name: "sdk functions: preload(), then one", fixture: "browser-app-preload.ts" },
  { name: "sdk client: one method", fixture: "browser-app-client.ts" },
  { name: "sdk client: raw only", fixture: "browser-app-raw.ts" },
  { name: "sdk client: methods + workflows + raw", fixture: "browser-app-workflows.ts" },
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
 * (packages/sdk/src/eager/invoke.ts, client.ts): a call with a body or query awaits the input checks;
 * a workflow's first call awaits the workflows, then its own call's checks; `preload()` starts the
 * input checks and the error reading at once. Every operation a client can call is in its first load
 * (a function's own constant, or the client's table), so no call waits for it. tests/browser checks
 * this in Chromium.
 */
export const FIRST_REQUESTS: ReadonlyArray<{ name: string; fixture: string; waitsFor: ReadonlyArray<ReadonlyArray<string>> }> = [
  { name: "syncDomainStatus(core, …) (no body)", fixture: "browser-app.ts", waitsFor: [] },
  { name: "createDynDnsConfig(core, …) (a body)", fixture: "browser-app-body.ts", waitsFor: [["validate"]] },
  { name: "await preload(), then either", fixture: "browser-app-preload.ts", waitsFor: [["validate", "failure"]] },
  { name: "hostup.syncDomainStatus (the client)", fixture: "browser-app-client.ts", waitsFor: [] },
  // findDomainByName's list call has a query, so the input checks come after the workflows.
  { name: "hostup.findDomainByName (a workflow)", fixture: "browser-app-workflows.ts", waitsFor: [["workflows"], ["validate"]] },
];

export interface FirstRequest {
  name: string;
  fixture: string;
  plan: LoadPlan;
}

export interface FirstLoad {
  files: number;
  minified: number;
  gzipped: number;
}

export interface OperationScaling {
  operations: number;
  /** fixtures/browser-app.ts (one function on a core) against the SDK built from a spec with that many operations. */
  firstLoad: FirstLoad;
  /** fixtures/browser-app-client.ts (the same call through the client with every method). */
  client: FirstLoad;
  /** Lazy, gzipped: the input checks a call with a body or query waits for (their chunks). */
  checks: number;
  firstRequests: FirstRequest[];
}

const plansFor = (graphs: ReadonlyMap<string, ChunkGraph>): FirstRequest[] =>
  FIRST_REQUESTS.map(({ name, fixture, waitsFor }) => ({ name, fixture, plan: loadPlan(graphs.get(fixture)!, waitsFor) }));

async function graphsOf(sdk?: SdkBuild): Promise<Map<string, ChunkGraph>> {
  const graphs = new Map<string, ChunkGraph>();
  for (const { fixture } of FIRST_REQUESTS) if (!graphs.has(fixture)) graphs.set(fixture, (await bundleFixture(fixture, sdk)).graph);
  return graphs;
}

/** What the first requests wait for with the SDK as built (packages/sdk/dist). */
export async function measureFirstRequests(): Promise<FirstRequest[]> {
  return plansFor(await graphsOf());
}

const firstLoadOf = (bundle: Bundle): FirstLoad => ({
  files: bundle.upFront.files.length,
  minified: bundle.upFront.minified,
  gzipped: bundle.upFront.gzipped,
});

/** Both apps against the SDK built from the real spec and from the synthetic one (six times the operations). */
export async function measureOperationScaling(): Promise<OperationScaling[]> {
  const results: OperationScaling[] = [];
  for (const spec of [realSpec(), syntheticSpec(realSpec())]) {
    results.push(
      await withSdkBuild(spec, {}, async (sdk) => {
        const app = await bundleFixture("browser-app.ts", sdk);
        const client = await bundleFixture("browser-app-client.ts", sdk);
        const [checks] = loadPlan(app.graph, [["validate"]]).steps;
        return {
          operations: sdk.operations,
          firstLoad: firstLoadOf(app),
          client: firstLoadOf(client),
          checks: checks!.gzipped,
          firstRequests: plansFor(await graphsOf(sdk)),
        };
      }),
    );
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
  const [few] = rows;
  const load = (f: FirstLoad) => `${f.gzipped} B in ${f.files} file(s) (${f.minified} B min)`;
  return table([
    [
      "operations",
      "one function on a core: first load gz",
      "the client with every method: first load gz",
      "client minus functions",
      "input checks (lazy gz)",
    ],
    ...rows.map((r) => [
      String(r.operations),
      load(r.firstLoad),
      load(r.client) + (r === few ? "" : ` (+${r.client.gzipped - few!.client.gzipped} B)`),
      `+${r.client.gzipped - r.firstLoad.gzipped} B`,
      `${r.checks} B`,
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
    "\nFirst load vs number of operations: browser-app.ts and browser-app-client.ts against the SDK built from source (a temporary",
  );
  console.log("copy of packages/sdk/src, generated from the real spec and from a synthetic one with every path copied five times)\n");
  const scaling = await measureOperationScaling();
  console.log(renderOperationScaling(scaling));
  console.log(`\nBefore the first request, the SDK as built (${scaling[0]!.operations} operations):\n`);
  const firstRequests = await measureFirstRequests();
  console.log(renderFirstRequests(firstRequests));
  console.log(`\nBefore the first request, built from the synthetic spec (${scaling[1]!.operations} operations):\n`);
  console.log(renderFirstRequests(scaling[1]!.firstRequests));

  const app = sizes.find((s) => s.fixture === "browser-app.ts")!;
  const client = sizes.find((s) => s.fixture === "browser-app-client.ts")!;
  const alone = sizes.find((s) => s.fixture === "openapi-fetch-app.ts")!;
  const [few, many] = scaling as [OperationScaling, OperationScaling];
  const within = (n: number) => (n <= BUNDLE_BUDGET_GZIP_BYTES ? "within" : "OVER");
  summary("bundle size (browser app, esbuild --minify --splitting, gzip -9)", [
    `one function on a core: ${app.upFront.gzipped} bytes gz up front in ${app.upFront.files.length} file(s) (${fmt.kb(app.upFront.minified)} min); ` +
      `budget ${BUNDLE_BUDGET_GZIP_BYTES} bytes: ${within(app.upFront.gzipped)}; without code splitting ${fmt.kb(app.single.gzipped)} gz; ` +
      `openapi-fetch alone ${fmt.kb(alone.upFront.gzipped)}`,
    `the client with every method, one call: ${client.upFront.gzipped} bytes gz up front (${fmt.kb(client.upFront.minified)} min)`,
    `first load from source, one function: ${few.firstLoad.gzipped} bytes at ${few.operations} operations, ${many.firstLoad.gzipped} at ${many.operations} ` +
      `(${within(Math.max(few.firstLoad.gzipped, many.firstLoad.gzipped))}); the client: ${few.client.gzipped} → ${many.client.gzipped} bytes`,
    ...firstRequests.map(
      (r) => `before the first request, ${r.name}: ${r.plan.gzipped} bytes gz, ${r.plan.roundTrips} sequential round trip(s)`,
    ),
  ]);
}
