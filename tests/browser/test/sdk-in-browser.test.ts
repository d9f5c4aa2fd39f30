// @hostup/sdk in a real browser: a page bundled for the browser as apps ship it (esbuild, ES modules
// split at dynamic imports) calls the Prism mock on another origin from headless Chromium, and renders
// what each call returned and which of the SDK's lazily loaded parts it had fetched by then.
// Everything runs on 127.0.0.1; anything else the page tries to reach fails the test.
import { startMockServer, type MockServer } from "@hostup/mock";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blockNonLocalRequests, collectPageErrors, isLocal, launchChromium, type PageError } from "@hostup/chromium-testing";
import { bundlePage, serveSite, type Site } from "./support/site.js";

const DOMAIN_ID = "dom_01hxa3b4c5d6e7f8g9h0j1k2m3";
const API_KEY = "browser-test-key";

let mock: MockServer | undefined;
let site: Site | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  // Prism takes a few seconds to start: bundle meanwhile. Keep whatever started, for afterAll.
  const [files, server] = await Promise.allSettled([bundlePage(), startMockServer({ errors: true })]);
  if (server.status === "fulfilled") mock = server.value;
  if (files.status === "rejected") throw files.reason;
  if (server.status === "rejected") throw server.reason;
  site = await serveSite(files.value);
  browser = await launchChromium();
});

afterAll(async () => {
  // Everything is stopped, whatever failed: the browser (its whole process tree), Prism, the site.
  const results = await Promise.allSettled([browser?.close(), mock?.close(), site?.close()]);
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed.length) throw new AggregateError(failed.map((r) => r.reason), "cleanup failed");
});

interface SeenRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  status?: number;
}

/** Loads the page (the mock's URL in the query), waits until every call has rendered. */
async function openPage(page: Page): Promise<void> {
  await page.goto(`${site!.url}/?api=${encodeURIComponent(mock!.url)}`);
  await page.waitForSelector("body[data-done]", { timeout: 20_000 });
  expect(await page.getAttribute("body", "data-done"), "the page script finished without throwing").toBe("true");
}

/** The text rendered for `field` of call `call`. */
async function rendered(page: Page, call: string, field: string): Promise<string> {
  return (await page.locator(`section#${call} dd[data-field="${field}"]`).textContent()) ?? "";
}

/** The API requests the page sent (the mock's origin only; CORS preflights are not page requests). */
function recordApiRequests(page: Page): SeenRequest[] {
  const seen: SeenRequest[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(`${mock!.url}/`)) return;
    const entry: SeenRequest = { method: request.method(), url: request.url(), headers: request.headers() };
    seen.push(entry);
    void request
      .allHeaders()
      .then((headers) => (entry.headers = headers))
      .then(() => request.response())
      .then((response) => (entry.status = response?.status()))
      .catch(() => {});
  });
  return seen;
}

/** What the page must show, and the requests behind it. Shared by both page loads. */
async function expectRenderedResults(page: Page, requests: SeenRequest[]): Promise<void> {
  // syncDomainStatus: the documented 200 example
  expect(await page.getAttribute("section#syncDomainStatus", "data-ok")).toBe("true");
  expect(await rendered(page, "syncDomainStatus", "name")).toBe("example.com");
  expect(await rendered(page, "syncDomainStatus", "previousStatus")).toBe("pending");
  expect(await rendered(page, "syncDomainStatus", "newStatus")).toBe("active");
  expect(await rendered(page, "syncDomainStatus", "statusChanged")).toBe("true");
  // a valid call that succeeds needs none of the SDK's lazily loaded parts
  expect(await rendered(page, "syncDomainStatus", "lazyPartsLoaded")).toBe("");

  // createDynDnsConfig: 201 with the configuration and its token
  expect(await page.getAttribute("section#createDynDnsConfig", "data-ok")).toBe("true");
  expect(await rendered(page, "createDynDnsConfig", "id")).toMatch(/^ddns_[0-9A-Za-z]+$/);
  expect(await rendered(page, "createDynDnsConfig", "hostname")).toBe("home.example.com");
  expect(await rendered(page, "createDynDnsConfig", "recordType")).toBe("A");
  expect(await rendered(page, "createDynDnsConfig", "enabled")).toBe("true");
  expect(Number(await rendered(page, "createDynDnsConfig", "tokenLength"))).toBeGreaterThan(0);
  // a body to check: the input checks were fetched for it, and nothing that reads error answers
  expect((await rendered(page, "createDynDnsConfig", "lazyPartsLoaded")).split(",")).toContain("validate");
  expect((await rendered(page, "createDynDnsConfig", "lazyPartsLoaded")).split(",")).not.toContain("failure");

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
  // the first error answer: the code that reads it was fetched then
  expect((await rendered(page, "deleteDomain", "lazyPartsLoaded")).split(",")).toContain("failure");

  // an undocumented record type: refused by the SDK's validation, nothing sent
  expect(await page.getAttribute("section#invalidRecordType", "data-ok")).toBe("false");
  expect(await rendered(page, "invalidRecordType", "name")).toBe("HostupValidationError");
  expect(await rendered(page, "invalidRecordType", "isValidationError")).toBe("true");
  expect(await rendered(page, "invalidRecordType", "operationId")).toBe("createDynDnsConfig");
  expect(await rendered(page, "invalidRecordType", "field")).toBe("/recordType");
  expect(await rendered(page, "invalidRecordType", "message")).toBe(
    'createDynDnsConfig: body field `/recordType` must be one of "A", "AAAA", got "MX".',
  );

  // exactly the three calls that should reach the API, in order, with the SDK's headers
  await expect.poll(() => requests.every((r) => r.status !== undefined), { timeout: 5_000 }).toBe(true);
  expect(requests.map((r) => `${r.method} ${r.url.slice(mock!.url.length)} ${r.status}`)).toEqual([
    `POST /api/v2/domains/${DOMAIN_ID}/actions/status-sync 200`,
    `POST /api/v2/domains/${DOMAIN_ID}/dyndns 201`,
    `DELETE /api/v2/domains/${DOMAIN_ID} 409`,
  ]);
  for (const request of requests) {
    expect(request.headers["authorization"]).toBe(`Bearer ${API_KEY}`);
    expect(request.headers["accept"]).toBe("application/json, application/problem+json");
  }
  expect(requests[1]!.headers["content-type"]).toMatch(/^application\/json/);
  expect(requests[2]!.headers["prefer"]).toBe("code=409");
}

/**
 * Console errors, minus the one the browser itself logs for the expected 409 (Chromium reports
 * every HTTP error response of a fetch as "Failed to load resource"; the page logged nothing).
 */
function unexpectedErrors(errors: PageError[]): PageError[] {
  return errors.filter(
    (e) => !(e.url === `${mock!.url}/api/v2/domains/${DOMAIN_ID}` && e.text === "Failed to load resource: the server responded with a status of 409 (Conflict)"),
  );
}

describe("@hostup/sdk in headless Chromium", () => {
  it("renders the results of real SDK calls to the mock on another origin, with every non-local request blocked", async () => {
    const context = await browser!.newContext();
    try {
      const page = await context.newPage();
      const blocked = await blockNonLocalRequests(page);
      const errors = collectPageErrors(page);
      const requests = recordApiRequests(page);

      await openPage(page);
      expect(new URL(site!.url).origin, "the page and the API are different origins (CORS applies)").not.toBe(new URL(mock!.url).origin);
      await expectRenderedResults(page, requests);

      expect(blocked, "requests to anything but 127.0.0.1").toEqual([]);
      expect(unexpectedErrors(errors), "console errors / uncaught exceptions").toEqual([]);
    } finally {
      await context.close();
    }
  });

  // A page whose chunk files a redeploy replaced cannot load the SDK's error-reading code; the error
  // answer must still come out as the right HostupApiError subclass, with its status.
  it("still types an error answer when the code that reads it cannot be loaded", async () => {
    const context = await browser!.newContext();
    try {
      const page = await context.newPage();
      const blocked = await blockNonLocalRequests(page);
      const missing: string[] = [];
      // Registered after the blocking route, so it is asked first (Playwright: last registered, first).
      await page.route(
        (url) => url.origin === new URL(site!.url).origin && /\/failure-[^/]*\.js$/.test(url.pathname),
        (route) => (missing.push(new URL(route.request().url()).pathname), route.fulfill({ status: 404, body: "gone" })),
      );
      const errors = collectPageErrors(page);
      recordApiRequests(page);

      await openPage(page);
      expect(missing, "the page asked for the error-reading chunk, and got a 404").toHaveLength(1);
      expect(await page.getAttribute("section#syncDomainStatus", "data-ok")).toBe("true");
      expect(await page.getAttribute("section#deleteDomain", "data-ok")).toBe("false");
      expect(await rendered(page, "deleteDomain", "name")).toBe("HostupConflictError");
      expect(await rendered(page, "deleteDomain", "isConflictError")).toBe("true");
      expect(await rendered(page, "deleteDomain", "status")).toBe("409");
      expect(await rendered(page, "deleteDomain", "message")).toMatch(
        /^HTTP 409: Conflict \(the SDK could not load the code that reads error answers: .+\) \(DELETE \/api\/v2\/domains\/\{id\}\)$/,
      );
      // what only the body would have told is absent, not made up
      expect(await rendered(page, "deleteDomain", "canDeleteAllowed")).toBe("null");
      expect(await rendered(page, "deleteDomain", "requestId")).toBe("null");

      expect(blocked, "requests to anything but 127.0.0.1").toEqual([]);
      const chunk404 = (e: PageError) => /\/failure-[^/]*\.js$/.test(e.url) && e.text.startsWith("Failed to load resource: the server responded with a status of 404");
      expect(unexpectedErrors(errors).filter((e) => !chunk404(e)), "console errors / uncaught exceptions").toEqual([]);
    } finally {
      await context.close();
    }
  });

  // Playwright answers CORS preflights itself while any page.route is active, so the test above
  // cannot show that Prism accepts the SDK's preflights. This load has no interception: Chromium
  // sends real OPTIONS requests to Prism, observed through the DevTools protocol. Nothing can leave
  // the machine (host names other than 127.0.0.1 do not resolve), and every request is checked.
  it("passes the mock's real CORS preflight (Authorization, Prefer and Content-Type are allowed)", async () => {
    const context = await browser!.newContext();
    try {
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      const requests = recordApiRequests(page);
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

      await openPage(page);
      await expectRenderedResults(page, requests);

      // One preflight per API request (each has a non-safelisted header: Authorization, Prefer),
      // answered by Prism with a 2xx that allows exactly what the SDK sends.
      await expect.poll(() => [...preflights.values()].every((p) => p.status !== undefined || p.failure), { timeout: 5_000 }).toBe(true);
      const seen = [...preflights.values()];
      expect(seen.map((p) => `${p.method} ${p.url.slice(mock!.url.length)} ${p.requestHeaders["access-control-request-method"]}`).sort()).toEqual(
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
        expect(preflight.responseHeaders?.["access-control-allow-origin"]).toBe(new URL(site!.url).origin);
      }
      const deletePreflight = seen.find((p) => p.requestHeaders["access-control-request-method"] === "DELETE")!;
      expect(headerList(deletePreflight.requestHeaders["access-control-request-headers"])).toContain("prefer");

      expect(nonLocal, "requests to anything but 127.0.0.1").toEqual([]);
      expect(failed, "failed requests (a CORS rejection shows here)").toEqual([]);
      expect(unexpectedErrors(errors), "console errors / uncaught exceptions").toEqual([]);
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
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
}
