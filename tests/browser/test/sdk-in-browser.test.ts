// @hostup/sdk in a real browser: a page bundled for the browser as apps ship it (esbuild, ES modules
// split at dynamic imports) calls the Prism mock on another origin from headless Chromium, and renders
// what each call returned and which of the SDK's lazily loaded parts it made the browser fetch, through
// createHostupClient's methods and through the standalone functions of `@hostup/sdk/operations` on
// createHostupCore. Everything runs on 127.0.0.1; anything else the page tries to reach fails the test.
// (What loads when, and how many round trips it takes: lazy-parts.test.ts.)
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blockNonLocalRequests, collectPageErrors, isLocal } from "@hostup/chromium-testing";
import { chunkName, fetchedFor, lazyParts, upFront } from "./support/chunks.js";
import {
  API_KEY,
  DOMAIN_ID,
  fetchedBy,
  openPage,
  recordApiRequests,
  rendered,
  startHarness,
  unexpectedErrors,
  type Harness,
  type SeenRequest,
  type Via,
} from "./support/harness.js";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

/**
 * Which script files each call made the browser fetch: exactly the lazy part it needs and what that
 * imports statically (from the page build's metafile), minus what earlier calls fetched. The same
 * through the client's methods and through the standalone functions.
 */
async function expectFetchedParts(page: Page): Promise<void> {
  // the operation table is in the page's own file: it is no lazily loaded part
  expect(lazyParts(h.build.graph)).toEqual(["failure", "raw", "validate", "workflows"]);
  const loaded = upFront(h.build.graph);
  const expectFetched = async (call: string, parts: ReadonlyArray<string>) => {
    const fetched = await fetchedBy(page, call);
    const expected = parts.length ? fetchedFor(h.build.graph, parts, loaded) : new Set<string>();
    expect(fetched, `${call} fetched each file once`).toHaveLength(new Set(fetched).size);
    expect(new Set(fetched), `what ${call} fetched`).toEqual(expected);
    for (const file of expected) loaded.add(file);
    return fetched.map(chunkName).sort();
  };
  // the first call, without a body: its operation is in the page's own file, nothing to fetch
  expect(await expectFetched("syncDomainStatus", [])).toEqual([]);
  // a body to check: the input checks, with the request schemas and the redaction they import
  expect(await expectFetched("createDynDnsConfig", ["validate"])).toEqual(["chunk", "chunk", "validate"]);
  // the first error answer: the code that reads it (its redaction came with the input checks)
  expect(await expectFetched("deleteDomain", ["failure"])).toEqual(["failure"]);
  // refused by the input checks already loaded: nothing more
  expect(await expectFetched("invalidRecordType", [])).toEqual([]);
}

/** What the page must show, and the requests behind it. Shared by every page load of the `calls` scenario, either way. */
async function expectRenderedResults(page: Page, requests: SeenRequest[]): Promise<void> {
  // syncDomainStatus: the documented 200 example
  expect(await page.getAttribute("section#syncDomainStatus", "data-ok")).toBe("true");
  expect(await rendered(page, "syncDomainStatus", "name")).toBe("example.com");
  expect(await rendered(page, "syncDomainStatus", "previousStatus")).toBe("pending");
  expect(await rendered(page, "syncDomainStatus", "newStatus")).toBe("active");
  expect(await rendered(page, "syncDomainStatus", "statusChanged")).toBe("true");

  // createDynDnsConfig: 201 with the configuration and its token
  expect(await page.getAttribute("section#createDynDnsConfig", "data-ok")).toBe("true");
  expect(await rendered(page, "createDynDnsConfig", "id")).toMatch(/^ddns_[0-9A-Za-z]+$/);
  expect(await rendered(page, "createDynDnsConfig", "hostname")).toBe("home.example.com");
  expect(await rendered(page, "createDynDnsConfig", "recordType")).toBe("A");
  expect(await rendered(page, "createDynDnsConfig", "enabled")).toBe("true");
  expect(Number(await rendered(page, "createDynDnsConfig", "tokenLength"))).toBeGreaterThan(0);

  // deleteDomain with the mock's documented 409: a HostupConflictError carrying canDelete
  expect(await page.getAttribute("section#deleteDomain", "data-ok")).toBe("false");
  expect(await rendered(page, "deleteDomain", "name")).toBe("HostupConflictError");
  expect(await rendered(page, "deleteDomain", "isHostupError")).toBe("true");
  expect(await rendered(page, "deleteDomain", "isApiError")).toBe("true");
  expect(await rendered(page, "deleteDomain", "isConflictError")).toBe("true");
  expect(await rendered(page, "deleteDomain", "status")).toBe("409");
  expect(await rendered(page, "deleteDomain", "canDeleteAllowed")).toBe("false");
  expect(await rendered(page, "deleteDomain", "canDeleteReason")).toBe("A pending renewal order blocks deletion. Cancel it first.");
  expect(await rendered(page, "deleteDomain", "canDeleteCode")).toBe("pending_order");
  expect(await rendered(page, "deleteDomain", "requestId")).toBe("req_01hxa3b4c5d6e7f8g9h0j1k2m3");
  expect(await rendered(page, "deleteDomain", "message")).toMatch(/^HTTP 409: The domain cannot be deleted right now\./);

  // an undocumented record type: refused by the SDK's validation, nothing sent
  expect(await page.getAttribute("section#invalidRecordType", "data-ok")).toBe("false");
  expect(await rendered(page, "invalidRecordType", "name")).toBe("HostupValidationError");
  expect(await rendered(page, "invalidRecordType", "isValidationError")).toBe("true");
  expect(await rendered(page, "invalidRecordType", "operationId")).toBe("createDynDnsConfig");
  expect(await rendered(page, "invalidRecordType", "field")).toBe("/recordType");
  expect(await rendered(page, "invalidRecordType", "message")).toBe(
    'createDynDnsConfig: body field `/recordType` must be one of "A", "AAAA", got "MX".',
  );
  await expectFetchedParts(page);

  // exactly the three calls that should reach the API, in order, with the SDK's headers
  await expect.poll(() => requests.every((r) => r.status !== undefined), { timeout: 5_000 }).toBe(true);
  expect(requests.map((r) => `${r.method} ${r.url.slice(h.mock.url.length)} ${r.status}`)).toEqual([
    `POST /api/v2/domains/${DOMAIN_ID}/actions/status-sync 200`,
    `POST /api/v2/domains/${DOMAIN_ID}/dyndns 201`,
    `DELETE /api/v2/domains/${DOMAIN_ID} 409`,
  ]);
  for (const request of requests) {
    expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request.headers.accept).toBe("application/json, application/problem+json");
  }
  expect(requests[1]!.headers["content-type"]).toMatch(/^application\/json/);
  expect(requests[2]!.headers.prefer).toBe("code=409");
}

describe("@hostup/sdk in headless Chromium", () => {
  // The same calls, results, requests and fetched files either way: `hostup.syncDomainStatus(id)` on
  // createHostupClient, or `syncDomainStatus(core, id)` (`@hostup/sdk/operations`) on createHostupCore.
  it.each<[string, Via]>([
    ["createHostupClient's methods", "client"],
    ["the standalone functions of @hostup/sdk/operations on createHostupCore", "core"],
  ])("renders the results of real SDK calls to the mock on another origin (%s), with every non-local request blocked", async (_, via) => {
    const context = await h.browser.newContext();
    try {
      const page = await context.newPage();
      const blocked = await blockNonLocalRequests(page);
      const errors = collectPageErrors(page);
      const requests = recordApiRequests(page, h.mock.url);

      await openPage(page, h.site.url, h.mock.url, { via });
      expect(new URL(h.site.url).origin, "the page and the API are different origins (CORS applies)").not.toBe(new URL(h.mock.url).origin);
      await expectRenderedResults(page, requests);

      expect(blocked, "requests to anything but 127.0.0.1").toEqual([]);
      expect(unexpectedErrors(errors, h.mock.url), "console errors / uncaught exceptions").toEqual([]);
    } finally {
      await context.close();
    }
  });

  // Playwright answers CORS preflights itself while any page.route is active, so the test above
  // cannot show that Prism accepts the SDK's preflights. This load has no interception: Chromium
  // sends real OPTIONS requests to Prism, observed through the DevTools protocol. Nothing can leave
  // the machine (host names other than 127.0.0.1 do not resolve), and every request is checked.
  it("passes the mock's real CORS preflight (Authorization, Prefer and Content-Type are allowed)", async () => {
    const context = await h.browser.newContext();
    try {
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      const requests = recordApiRequests(page, h.mock.url);
      const nonLocal: string[] = [];
      page.on("request", (request) => {
        if (!isLocal(request.url())) nonLocal.push(`${request.method()} ${request.url()}`);
      });
      const failed: string[] = [];
      page.on("requestfailed", (request) => failed.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText}`));

      interface Preflight {
        url: string;
        method: string;
        requestHeaders: Record<string, string>;
        status?: number;
        responseHeaders?: Record<string, string>;
        failure?: string;
      }
      const preflights = new Map<string, Preflight>();
      const cdp = await context.newCDPSession(page);
      cdp.on("Network.requestWillBeSent", (event) => {
        if (event.type !== "Preflight" && event.initiator.type !== "preflight") return;
        preflights.set(event.requestId, {
          url: event.request.url,
          method: event.request.method,
          requestHeaders: lowerKeys(event.request.headers),
        });
      });
      cdp.on("Network.responseReceived", (event) => {
        const preflight = preflights.get(event.requestId);
        if (!preflight) return;
        preflight.status = event.response.status;
        preflight.responseHeaders = lowerKeys(event.response.headers);
      });
      cdp.on("Network.loadingFailed", (event) => {
        const preflight = preflights.get(event.requestId);
        if (preflight) preflight.failure = `${event.errorText} ${event.corsErrorStatus?.corsError ?? ""}`.trim();
      });
      await cdp.send("Network.enable");

      await openPage(page, h.site.url, h.mock.url);
      await expectRenderedResults(page, requests);

      // One preflight per API request (each has a non-safelisted header: Authorization, Prefer),
      // answered by Prism with a 2xx that allows exactly what the SDK sends.
      await expect.poll(() => [...preflights.values()].every((p) => p.status !== undefined || p.failure), { timeout: 5_000 }).toBe(true);
      const seen = [...preflights.values()];
      expect(
        seen.map((p) => `${p.method} ${p.url.slice(h.mock.url.length)} ${p.requestHeaders["access-control-request-method"]}`).sort(),
      ).toEqual(
        [
          `OPTIONS /api/v2/domains/${DOMAIN_ID} DELETE`,
          `OPTIONS /api/v2/domains/${DOMAIN_ID}/actions/status-sync POST`,
          `OPTIONS /api/v2/domains/${DOMAIN_ID}/dyndns POST`,
        ].sort(),
      );
      for (const preflight of seen) {
        expect(preflight.failure, `preflight ${preflight.url}`).toBeUndefined();
        expect(preflight.status, `preflight ${preflight.url}`).toBeGreaterThanOrEqual(200);
        expect(preflight.status, `preflight ${preflight.url}`).toBeLessThan(300);
        const asked = headerList(preflight.requestHeaders["access-control-request-headers"]);
        expect(asked).toContain("authorization");
        const allowed = headerList(preflight.responseHeaders?.["access-control-allow-headers"]);
        for (const header of asked) expect(allowed, `Prism allows ${header}`).toContain(header);
        expect(preflight.responseHeaders?.["access-control-allow-origin"]).toBe(new URL(h.site.url).origin);
      }
      const deletePreflight = seen.find((p) => p.requestHeaders["access-control-request-method"] === "DELETE")!;
      expect(headerList(deletePreflight.requestHeaders["access-control-request-headers"])).toContain("prefer");

      expect(nonLocal, "requests to anything but 127.0.0.1").toEqual([]);
      expect(failed, "failed requests (a CORS rejection shows here)").toEqual([]);
      expect(unexpectedErrors(errors, h.mock.url), "console errors / uncaught exceptions").toEqual([]);
    } finally {
      await context.close();
    }
  });
});

function lowerKeys(headers: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
}

function headerList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((header) => header.trim().toLowerCase())
    .filter(Boolean);
}
