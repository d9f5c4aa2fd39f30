// Runs each example program against the Prism mock, as a user would, and checks what it prints.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startMockServer, type MockServer } from "@hostup/mock";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const run = promisify(execFile);
const tsx = createRequire(import.meta.url).resolve("tsx/cli");
const here = fileURLToPath(new URL("..", import.meta.url));
let mock: MockServer;

beforeAll(async () => {
  mock = await startMockServer({ errors: true });
});
afterAll(async () => {
  await mock?.close();
});

async function example(file: string): Promise<string> {
  const { stdout } = await run(process.execPath, [tsx, file], {
    cwd: here,
    env: { ...process.env, HOSTUP_BASE_URL: mock.url, HOSTUP_API_KEY: "hk_example_key", HOSTUP_DEBUG: "" },
    timeout: 30_000,
  });
  return stdout;
}

describe("examples run against the mock", () => {
  test("errors.ts narrows the 409 and shows canDelete", async () => {
    const out = await example("errors.ts");
    expect(out).toContain("blocked: A pending renewal order blocks deletion. Cancel it first. (pending_order)");
    expect(out).toContain("request id for support: req_01hxa3b4c5d6e7f8g9h0j1k2m3");
  });

  test("retries.ts gets the 429 back at once when Retry-After is too long", async () => {
    const out = await example("retries.ts");
    expect(out).toContain("rate limited: retry in 30000 ms; limit 60, remaining 0");
    expect(out).toContain("synced example.com: active");
  });

  test("timeouts.ts shows a timeout and an abort", async () => {
    const out = await example("timeouts.ts");
    expect(out).toContain("timed out after 1 ms");
    expect(out).toContain("aborted: user navigated away");
  });

  test("validation.ts fails three calls before sending", async () => {
    const out = await example("validation.ts");
    expect(out).toContain('id: deleteDomain: `id` "example.com" is not a valid DomainId.');
    expect(out).toContain("/: updateDomainRedirect: body needs at least 1 field(s), got 0");
    expect(out).toContain('/hostname: createDynDnsConfig: body field `/hostname` "home.example.org" is not "example.com"');
  });

  test("logging.ts logs the attempt without the key or the token", async () => {
    const out = await example("logging.ts");
    expect(out).toContain("created ddns_01hxa3b4c5d6e7f8g9h0j1k2m3; token kept out of logs (64 chars)");
    expect(out).toMatch(
      /\[hostup\] createDynDnsConfig POST \/api\/v2\/domains\/dom_01hxa3b4c5d6e7f8g9h0j1k2m3\/dyndns → 201 in \d+ ms \(attempt 1\/3\)/,
    );
    expect(out).not.toContain("hk_example_key");
    expect(out).not.toContain("0123456789abcdef0123456789abcdef");
  });

  test("functions.ts calls an operation as a function on a core, with the methods' checks", async () => {
    const out = await example("functions.ts");
    expect(out).toMatch(/^example\.com: \w+ -> \w+ \(HTTP 200\)$/m);
    expect(out).toContain("refused before sending: /recordType");
  });

  test("find-and-sync.ts finds the domain's id by name and syncs it", async () => {
    const out = await example("find-and-sync.ts");
    expect(out).toContain("example.com (dom_01hxa3b4c5d6e7f8g9h0j1k2m3): pending -> active");
    expect(out).toContain("1 domain(s) listed");
  });

  test("bulk-sync.ts queues, waits and reports the refused id", async () => {
    const out = await example("bulk-sync.ts");
    expect(out).toContain("batch 0: 2 id(s), job dbj_01hxa3b4c5d6e7f8g9h0j1k2m3 completed");
    expect(out).toContain("queued 2, failed 0");
    expect(out).toContain("refused #2 example.org: Not a public domain ID");
  });

  test("pause-redirect.ts pauses the www redirect", async () => {
    const out = await example("pause-redirect.ts");
    // The mock answers the PATCH with its documented example, whatever was sent.
    expect(out).toContain("paused redir_01hxa3b4c5d6e7f8g9h0j1k2m3: https://www.example.com -> https://example.com/new-home");
  });

  test("dyndns-token.ts stores the token owner-only and never prints it", async () => {
    const out = await example("dyndns-token.ts");
    expect(out).toMatch(/created ddns_01hxa3b4c5d6e7f8g9h0j1k2m3 for home\.example\.com \(A\); token stored in .*\.token \(mode 600\)/);
    expect(out).not.toContain("0123456789abcdef0123456789abcdef");
  });

  test("demo.ts calls all five operations, then runs the DNS loop against the zone server", async () => {
    const out = await example("demo.ts");
    for (const line of [
      "syncDomainStatus: HTTP 200",
      "bulkSyncDomainStatus: HTTP 202",
      "updateDomainRedirect: HTTP 200",
      "createDynDnsConfig: HTTP 201",
      "deleteDomain: HTTP 204",
      // Three requests for a DNS-01 challenge: the zones, the record lookup, the create.
      "findDnsZoneFor + ensureDnsRecord: _acme-challenge.www in example.com, created: true (3 requests)",
      "ensureDnsRecord again (the value quoted, as the API lists it): created: false",
      "example.com: 1 to create, 1 to update, 0 to delete, 1 unmanaged set left alone",
      "applyPlan: 2 changes applied",
      "planZone again: in sync",
    ]) {
      expect(out).toContain(line);
    }
  });
});
