// The page under test: the SDK as a browser app would use it (bundled by esbuild for the browser),
// calling the mock on another origin. Each call's outcome is written into the DOM, as an app
// would render it; the test reads what was rendered.
//
// `?via=` picks which of the SDK's two ways the page calls the API: `client` (the default),
// createHostupClient and its methods (`hostup.syncDomainStatus(id)`); `core`, the size-sensitive way,
// createHostupCore and the standalone functions of `@hostup/sdk/operations` (`syncDomainStatus(core, id)`).
// A page load creates only the one it calls through. Both are in this one bundle (so that both ways
// share one metafile and one set of lazily loaded chunks); what each way costs a page up front is
// measured by bench/ (bundle-size.ts), not here.
import {
  createHostupClient,
  createHostupCore,
  HostupApiError,
  HostupConflictError,
  HostupError,
  HostupValidationError,
  type HostupClient,
  type HostupClientOptions,
  type HostupCore,
} from "@hostup/sdk";
import { createDynDnsConfig, deleteDomain, syncDomainStatus } from "@hostup/sdk/operations";

const DOMAIN_ID = "dom_01hxa3b4c5d6e7f8g9h0j1k2m3";

/** What one call rendered, also kept as JSON in `#results` for the test to read in one go. */
export interface CallOutcome {
  ok: boolean;
  /** Fields of the resolved value (ok) or of the error (not ok). */
  fields: Record<string, string | number | boolean | null>;
}

const results: Record<string, CallOutcome> = {};

function render(name: string, outcome: CallOutcome): void {
  results[name] = outcome;
  const section = document.createElement("section");
  section.id = name;
  section.dataset.ok = String(outcome.ok);
  const heading = document.createElement("h2");
  heading.textContent = name;
  const list = document.createElement("dl");
  for (const [key, value] of Object.entries(outcome.fields)) {
    const dt = document.createElement("dt");
    dt.textContent = key;
    const dd = document.createElement("dd");
    dd.dataset.field = key;
    dd.textContent = value === null ? "null" : String(value);
    list.append(dt, dd);
  }
  section.append(heading, list);
  document.getElementById("calls")!.append(section);
}

function describeError(error: unknown): CallOutcome["fields"] {
  if (!(error instanceof Error)) return { name: "non-Error", message: String(error) };
  const fields: CallOutcome["fields"] = {
    name: error.name,
    message: error.message,
    isHostupError: error instanceof HostupError,
    cause:
      error.cause instanceof Error ? `${error.cause.name}: ${error.cause.message}` : error.cause === undefined ? null : String(error.cause),
  };
  if (error instanceof HostupApiError) {
    fields.status = error.status;
    fields.isApiError = true;
    fields.requestId = error.requestId ?? null;
  }
  if (error instanceof HostupConflictError) {
    fields.isConflictError = true;
    fields.canDeleteAllowed = error.canDelete?.allowed ?? null;
    fields.canDeleteReason = error.canDelete?.reason ?? null;
    fields.canDeleteCode = error.canDelete?.code ?? null;
  }
  if (error instanceof HostupValidationError) {
    fields.isValidationError = true;
    fields.operationId = error.operationId;
    fields.field = error.field;
  }
  return fields;
}

/** When each API request went out (performance.now()), seen by the `fetch` the client is given. */
const requestsOut: number[] = [];

interface Fetched {
  path: string;
  start: number;
  end: number;
}

/**
 * The page's script files fetched since `since` (the SDK's lazily loaded parts: `/validate-….js`,
 * `/failure-….js`, `/workflows-….js`, the shared `/chunk-….js` files), in the order they were asked for.
 */
function scriptsFetchedSince(since: number): Fetched[] {
  return (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
    .filter((entry) => {
      const url = new URL(entry.name);
      return url.origin === location.origin && url.pathname.endsWith(".js") && entry.startTime >= since;
    })
    .map((entry) => ({ path: new URL(entry.name).pathname, start: entry.startTime, end: entry.responseEnd }))
    .sort((a, b) => a.start - b.start);
}

/** Sequential round trips: the longest chain of fetches in which each was asked for after the one before had arrived. */
function roundTrips(fetched: ReadonlyArray<Fetched>): number {
  const depth = new Map<Fetched, number>();
  for (const file of fetched) {
    const before = fetched.filter((other) => depth.has(other) && other.end <= file.start);
    depth.set(file, 1 + Math.max(0, ...before.map((other) => depth.get(other)!)));
  }
  return Math.max(0, ...depth.values());
}

/**
 * Runs one call and renders its outcome, with what it made the browser fetch: `fetched` (the script
 * files, comma-separated), `roundTrips` (sequential ones among them) and `roundTripsBeforeRequest`
 * (among those asked for before the call's first API request went out; null when none went out).
 */
async function call(name: string, run: () => Promise<CallOutcome["fields"]>): Promise<void> {
  const started = performance.now();
  let outcome: CallOutcome;
  try {
    outcome = { ok: true, fields: await run() };
  } catch (error) {
    outcome = { ok: false, fields: describeError(error) };
  }
  const fetched = scriptsFetchedSince(started);
  const requestOut = requestsOut.find((time) => time >= started);
  outcome.fields.fetched = fetched.map((f) => f.path).join(",");
  outcome.fields.roundTrips = roundTrips(fetched);
  outcome.fields.roundTripsBeforeRequest = requestOut === undefined ? null : roundTrips(fetched.filter((f) => f.start < requestOut));
  render(name, outcome);
}

/** What the page calls through (`?via=`): the client with its methods, or a core for the standalone functions. */
type Sdk = { via: "client"; client: HostupClient } | { via: "core"; core: HostupCore };

const DYNDNS = { hostname: "home.example.com", recordType: "A" } as const;

/** The fields rendered for a created DynDNS configuration. */
function describeDynDnsConfig(config: Awaited<ReturnType<HostupClient["createDynDnsConfig"]>>): CallOutcome["fields"] {
  return {
    id: config.id,
    hostname: config.hostname,
    recordType: config.recordType,
    enabled: config.enabled,
    // the token is a secret: render only that one came back
    tokenLength: config.token?.length ?? 0,
  };
}

/** The calls the page can make, by the name of the section that renders each; each written as an app would, either way. */
const CALLS: Record<string, (sdk: Sdk) => Promise<CallOutcome["fields"]>> = {
  preload: async (sdk) => {
    await (sdk.via === "client" ? sdk.client.preload() : sdk.core.preload());
    return { preloaded: true };
  },
  syncDomainStatus: async (sdk) => {
    const result = sdk.via === "client" ? await sdk.client.syncDomainStatus(DOMAIN_ID) : await syncDomainStatus(sdk.core, DOMAIN_ID);
    return {
      name: result.name,
      previousStatus: result.previousStatus,
      newStatus: result.newStatus,
      statusChanged: result.statusChanged,
    };
  },
  createDynDnsConfig: async (sdk) =>
    describeDynDnsConfig(
      sdk.via === "client" ? await sdk.client.createDynDnsConfig(DOMAIN_ID, DYNDNS) : await createDynDnsConfig(sdk.core, DOMAIN_ID, DYNDNS),
    ),
  // The same call once more (a section of its own): after the first one failed to load a part.
  createDynDnsConfigAgain: async (sdk) => CALLS.createDynDnsConfig!(sdk),
  deleteDomain: async (sdk) => {
    const options = { headers: { Prefer: "code=409" } };
    await (sdk.via === "client" ? sdk.client.deleteDomain(DOMAIN_ID, options) : deleteDomain(sdk.core, DOMAIN_ID, options));
    return { deleted: true };
  },
  invalidRecordType: async (sdk) => {
    // "MX" is not a documented record type: refused before anything is sent
    const input = { hostname: "home.example.com", recordType: "MX" as "A" };
    await (sdk.via === "client" ? sdk.client.createDynDnsConfig(DOMAIN_ID, input) : createDynDnsConfig(sdk.core, DOMAIN_ID, input));
    return { sent: true };
  },
  // A workflow (the client's only): its list call has a query, so it loads the workflows, then the input checks.
  findDomainByName: async (sdk) => {
    if (sdk.via !== "client") throw new Error("findDomainByName is a workflow of the client: open the page with ?via=client");
    const domain = await sdk.client.findDomainByName("example.com");
    return { id: domain.id, name: domain.name };
  },
};

/** `?scenario=`: which calls, in which order. */
const SCENARIOS: Record<string, ReadonlyArray<string>> = {
  calls: ["syncDomainStatus", "createDynDnsConfig", "deleteDomain", "invalidRecordType"],
  "body-first": ["createDynDnsConfig", "syncDomainStatus"],
  preload: ["preload", "syncDomainStatus", "createDynDnsConfig", "deleteDomain", "invalidRecordType"],
  // a call with a body, a call without one, the call with a body again (lazy-parts.test.ts answers the input checks' chunk 404 once)
  "body-again": ["createDynDnsConfig", "syncDomainStatus", "createDynDnsConfigAgain"],
  workflow: ["findDomainByName", "syncDomainStatus"],
};

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const api = params.get("api");
  if (!api) throw new Error("page needs ?api=<mock base URL>");
  const calls = SCENARIOS[params.get("scenario") ?? "calls"];
  if (!calls) throw new Error(`unknown ?scenario= (expected ${Object.keys(SCENARIOS).join(", ")})`);
  const via = params.get("via") ?? "client";
  const options: HostupClientOptions = {
    apiKey: "browser-test-key",
    baseUrl: api,
    maxRetries: 0,
    timeoutMs: 15_000,
    fetch: (input, init) => {
      requestsOut.push(performance.now());
      return globalThis.fetch(input, init);
    },
  };
  let sdk: Sdk;
  if (via === "client") sdk = { via, client: createHostupClient(options) };
  else if (via === "core") sdk = { via, core: createHostupCore(options) };
  else throw new Error("unknown ?via= (expected client, core)");
  document.body.dataset.via = via;
  // what the object called through has: a core has no methods, so its calls are the standalone functions'
  document.body.dataset.surface = Object.keys(sdk.via === "client" ? sdk.client : sdk.core).join(",");
  for (const name of calls) await call(name, () => CALLS[name]!(sdk));

  document.getElementById("results")!.textContent = JSON.stringify(results);
  document.body.dataset.done = "true";
}

main().catch((error: unknown) => {
  // A failure of the page itself (not of a call): visible to the test as a console error.
  console.error("page failed:", error);
  document.body.dataset.done = "error";
});
