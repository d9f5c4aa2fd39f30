// The page under test: the SDK as a browser app would use it (bundled by esbuild for the browser),
// calling the mock on another origin. Each call's outcome is written into the DOM, as an app
// would render it; the test reads what was rendered.
import {
  createHostupClient,
  HostupApiError,
  HostupConflictError,
  HostupError,
  HostupValidationError,
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

/**
 * The SDK's lazily loaded parts the page has fetched so far (`validate`, `failure`, `chunk`…: file
 * names without their content hashes), comma-separated in load order.
 */
function lazyPartsLoaded(): string {
  return performance
    .getEntriesByType("resource")
    .map((entry) => new URL(entry.name))
    .filter((url) => url.origin === location.origin && url.pathname.endsWith(".js") && url.pathname !== "/app.js")
    .map((url) => url.pathname.slice(1).replace(/(-[A-Z0-9]{8})+\.js$/, ""))
    .join(",");
}

async function call(name: string, run: () => Promise<CallOutcome["fields"]>): Promise<void> {
  let outcome: CallOutcome;
  try {
    outcome = { ok: true, fields: await run() };
  } catch (error) {
    outcome = { ok: false, fields: describeError(error) };
  }
  outcome.fields.lazyPartsLoaded = lazyPartsLoaded();
  render(name, outcome);
}

async function main(): Promise<void> {
  const api = new URLSearchParams(location.search).get("api");
  if (!api) throw new Error("page needs ?api=<mock base URL>");
  const hostup = createHostupClient({ apiKey: "browser-test-key", baseUrl: api, maxRetries: 0, timeoutMs: 15_000 });

  await call("syncDomainStatus", async () => {
    const result = await hostup.syncDomainStatus(DOMAIN_ID);
    return {
      name: result.name,
      previousStatus: result.previousStatus,
      newStatus: result.newStatus,
      statusChanged: result.statusChanged,
    };
  });

  await call("createDynDnsConfig", async () => {
    const config = await hostup.createDynDnsConfig(DOMAIN_ID, { hostname: "home.example.com", recordType: "A" });
    return {
      id: config.id,
      hostname: config.hostname,
      recordType: config.recordType,
      enabled: config.enabled,
      // the token is a secret: render only that one came back
      tokenLength: config.token?.length ?? 0,
    };
  });

  await call("deleteDomain", async () => {
    await hostup.deleteDomain(DOMAIN_ID, { headers: { Prefer: "code=409" } });
    return { deleted: true };
  });

  await call("invalidRecordType", async () => {
    // "MX" is not a documented record type: refused before anything is sent
    await hostup.createDynDnsConfig(DOMAIN_ID, { hostname: "home.example.com", recordType: "MX" as "A" });
    return { sent: true };
  });

  document.getElementById("results")!.textContent = JSON.stringify(results);
  document.body.dataset.done = "true";
}

main().catch((error: unknown) => {
  // A failure of the page itself (not of a call): visible to the test as a console error.
  console.error("page failed:", error);
  document.body.dataset.done = "error";
});
