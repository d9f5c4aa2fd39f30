// The page under test: the SDK as a browser app would use it (bundled by esbuild for the browser),
// calling the mock on another origin. Each call's outcome is written into the DOM, as an app
// would render it; the test reads what was rendered.
import {
  createHostupClient,
  HostupApiError,
  HostupConflictError,
  HostupError,
  HostupValidationError,
  type HostupClient,
} from "@hostup/sdk";

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
 * The page's script files fetched since `since` (the SDK's lazily loaded parts: `/operations-….js`,
 * `/validate-….js`, the shared `/chunk-….js` files), in the order they were asked for.
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

/** The calls the page can make, by the name of the section that renders each. */
const CALLS: Record<string, (hostup: HostupClient) => Promise<CallOutcome["fields"]>> = {
  preload: async (hostup) => {
    await hostup.preload();
    return { preloaded: true };
  },
  syncDomainStatus: async (hostup) => {
    const result = await hostup.syncDomainStatus(DOMAIN_ID);
    return {
      name: result.name,
      previousStatus: result.previousStatus,
      newStatus: result.newStatus,
      statusChanged: result.statusChanged,
    };
  },
  createDynDnsConfig: async (hostup) => {
    const config = await hostup.createDynDnsConfig(DOMAIN_ID, { hostname: "home.example.com", recordType: "A" });
    return {
      id: config.id,
      hostname: config.hostname,
      recordType: config.recordType,
      enabled: config.enabled,
      // the token is a secret: render only that one came back
      tokenLength: config.token?.length ?? 0,
    };
  },
  deleteDomain: async (hostup) => {
    await hostup.deleteDomain(DOMAIN_ID, { headers: { Prefer: "code=409" } });
    return { deleted: true };
  },
  invalidRecordType: async (hostup) => {
    // "MX" is not a documented record type: refused before anything is sent
    await hostup.createDynDnsConfig(DOMAIN_ID, { hostname: "home.example.com", recordType: "MX" as "A" });
    return { sent: true };
  },
};

/** `?scenario=`: which calls, in which order. */
const SCENARIOS: Record<string, ReadonlyArray<string>> = {
  calls: ["syncDomainStatus", "createDynDnsConfig", "deleteDomain", "invalidRecordType"],
  "body-first": ["createDynDnsConfig", "syncDomainStatus"],
  preload: ["preload", "syncDomainStatus", "createDynDnsConfig", "deleteDomain", "invalidRecordType"],
};

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const api = params.get("api");
  if (!api) throw new Error("page needs ?api=<mock base URL>");
  const calls = SCENARIOS[params.get("scenario") ?? "calls"];
  if (!calls) throw new Error(`unknown ?scenario= (expected ${Object.keys(SCENARIOS).join(", ")})`);
  const hostup = createHostupClient({
    apiKey: "browser-test-key",
    baseUrl: api,
    maxRetries: 0,
    timeoutMs: 15_000,
    fetch: (input, init) => {
      requestsOut.push(performance.now());
      return globalThis.fetch(input, init);
    },
  });
  for (const name of calls) await call(name, () => CALLS[name]!(hostup));

  document.getElementById("results")!.textContent = JSON.stringify(results);
  document.body.dataset.done = "true";
}

main().catch((error: unknown) => {
  // A failure of the page itself (not of a call): visible to the test as a console error.
  console.error("page failed:", error);
  document.body.dataset.done = "error";
});
