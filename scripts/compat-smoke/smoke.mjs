// The SDK's runtime smoke checks, for runtimes vitest does not run in (Bun, Deno, workerd; Node too,
// as the reference). Plain JavaScript with no imports: the entry for the runtime (entry.mjs, or
// worker.mjs for workerd) passes the built SDK, resolved through its package.json `exports`, and the
// address of the local server that drive.mjs started (server.mjs). Each check is one call against
// that server, as an app would make it; the results are lines `ok - …` / `not ok - …: why`.

export const DOMAIN_ID = "dom_01hxa3b4c5d6e7f8g9h0j1k2m3";
/** Answered with a 404 Problem Details document. */
export const MISSING_ID = "dom_01hxa3b4c5d6e7f8g9h0jmissing";
/** Never answered. */
export const STALLED_ID = "dom_01hxa3b4c5d6e7f8g9h0jstalled";
export const API_KEY = "hk_compat_smoke_0123456789";
export const APP_TOKEN = "compat-smoke/1";

/**
 * Runs every check; resolves to `{ lines, failed }`.
 * @param {Record<string, any>} sdk the `@hostup/sdk` module namespace
 * @param {Record<string, any>} operations the `@hostup/sdk/operations` module namespace
 * @param {{ baseUrl: string, userAgent: string, debug?: boolean }} options `userAgent`: the SDK's own
 *   User-Agent expected in this runtime, as a regular expression's source; `debug`: create the client
 *   with `debug: true` (where the runtime has an environment, drive.mjs sets HOSTUP_DEBUG=1 instead)
 */
export async function smoke(sdk, operations, { baseUrl, userAgent, debug = false }) {
  const lines = [];
  let failed = 0;
  const check = async (name, run) => {
    try {
      await run();
      lines.push(`ok - ${name}`);
    } catch (error) {
      failed++;
      lines.push(`not ok - ${name}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    }
  };
  const expect = (condition, what) => {
    if (!condition) throw new Error(what);
  };
  const agent = new RegExp(`^${userAgent} ${APP_TOKEN.replace("/", "\\/")}$`);

  // Creating the client reads HOSTUP_DEBUG: in Deno without --allow-env that read throws, and must not escape.
  let hostup;
  await check("createHostupClient (reads HOSTUP_DEBUG where it can)", () => {
    hostup = sdk.createHostupClient({ apiKey: API_KEY, baseUrl, userAgent: APP_TOKEN, maxRetries: 0, ...(debug ? { debug } : {}) });
  });
  if (!hostup) return { lines, failed };

  await check("a method call: the answer, and the User-Agent naming the SDK and the runtime", async () => {
    const { data, response } = await hostup.syncDomainStatus.withResponse(DOMAIN_ID);
    expect(data.id === DOMAIN_ID && data.newStatus === "active", `unexpected data ${JSON.stringify(data)}`);
    const seen = response.headers.get("x-seen-user-agent");
    expect(agent.test(seen), `User-Agent ${JSON.stringify(seen)} does not match /${agent.source}/`);
  });

  await check("an error answer: HostupNotFoundError with the Problem's code and request ID", async () => {
    const error = await hostup.getDomain(MISSING_ID).then(
      () => undefined,
      (e) => e,
    );
    expect(error instanceof sdk.HostupNotFoundError, `expected HostupNotFoundError, got ${error?.name}: ${error?.message}`);
    expect(error instanceof sdk.HostupApiError && error instanceof sdk.HostupError, "not a HostupApiError and HostupError");
    expect(error.status === 404 && error.code === "domain_not_found", `status ${error.status}, code ${error.code}`);
    expect(error.requestId === "req_smoke_404", `requestId ${error.requestId}`);
    expect(!JSON.stringify(error).includes(API_KEY) && !String(error.stack).includes(API_KEY), "the API key is in the error");
  });

  await check("a stalled server: HostupTimeoutError after timeoutMs", async () => {
    const started = Date.now();
    const error = await hostup.getDomain(STALLED_ID, { timeoutMs: 300 }).then(
      () => undefined,
      (e) => e,
    );
    const ms = Date.now() - started;
    expect(error instanceof sdk.HostupTimeoutError, `expected HostupTimeoutError, got ${error?.name}: ${error?.message}`);
    expect(ms >= 250 && ms < 5000, `took ${ms} ms`);
  });

  await check("an aborted call: HostupAbortError", async () => {
    const controller = new AbortController();
    const pending = hostup.getDomain(STALLED_ID, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await pending.then(
      () => undefined,
      (e) => e,
    );
    expect(error instanceof sdk.HostupAbortError, `expected HostupAbortError, got ${error?.name}: ${error?.message}`);
  });

  await check("bad input is refused before sending: HostupValidationError", async () => {
    const error = await hostup.getDomain("not-an-id").then(
      () => undefined,
      (e) => e,
    );
    expect(error instanceof sdk.HostupValidationError, `expected HostupValidationError, got ${error?.name}: ${error?.message}`);
  });

  // The server answers `badagent` to a User-Agent that is not the SDK's with this app's token (drive.mjs checks the exact value).
  await check("the standalone updateDynDns: its answer, sent with the SDK's User-Agent", async () => {
    const result = await sdk.updateDynDns(
      { hostname: "home.example.com", token: "ddnstok_compat_smoke_0123456789abcdef", ip: "203.0.113.7" },
      { baseUrl, userAgent: APP_TOKEN },
    );
    expect(result.status === "good" && result.ip === "203.0.113.7", `unexpected result ${JSON.stringify(result)}`);
  });

  await check("the client is an ordinary object: its methods are real properties, other names undefined", () => {
    expect("syncDomainStatus" in hostup && Object.keys(hostup).includes("ensureDnsRecord"), "methods are not own properties");
    expect(hostup.syncDomainStatsu === undefined, "a misspelt name is not undefined");
  });

  await check("a standalone function of @hostup/sdk/operations on createHostupCore, with the core's error classes", async () => {
    const core = sdk.createHostupCore({ apiKey: API_KEY, baseUrl, userAgent: APP_TOKEN, maxRetries: 0 });
    const result = await operations.syncDomainStatus(core, DOMAIN_ID);
    expect(result?.id === DOMAIN_ID, `unexpected answer ${JSON.stringify(result)}`);
    const error = await operations.getDomain(core, MISSING_ID).catch((e) => e);
    expect(error instanceof sdk.HostupNotFoundError, `expected HostupNotFoundError, got ${error?.name}`);
  });

  return { lines, failed };
}
