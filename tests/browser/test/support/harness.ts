// What every browser test needs: the page bundled, the Prism mock, the page served, Chromium; and
// how a test opens the page and reads what it rendered.
import { startMockServer, type MockServer } from "@hostup/mock";
import { launchChromium, type PageError } from "@hostup/chromium-testing";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import { bundlePage, serveSite, type PageBuild, type Site } from "./site.js";

export const DOMAIN_ID = "dom_01hxa3b4c5d6e7f8g9h0j1k2m3";
export const API_KEY = "browser-test-key";

export interface Harness {
  build: PageBuild;
  mock: MockServer;
  site: Site;
  browser: Browser;
  /** Stops everything that started, whatever failed. */
  close(): Promise<void>;
}

/** Everything started; on a failure, what did start is stopped before the error is thrown. */
export async function startHarness(): Promise<Harness> {
  const started: Array<{ close(): Promise<void> }> = [];
  const close = async () => {
    const results = await Promise.allSettled(started.map((s) => s.close()));
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed.length)
      throw new AggregateError(
        failed.map((r) => r.reason),
        "cleanup failed",
      );
  };
  try {
    // Prism takes a few seconds to start: bundle meanwhile.
    const [build, mock] = await Promise.allSettled([bundlePage(), startMockServer({ errors: true })]);
    if (mock.status === "fulfilled") started.push(mock.value);
    if (build.status === "rejected") throw build.reason;
    if (mock.status === "rejected") throw mock.reason;
    const site = await serveSite(build.value.files);
    started.push(site);
    const browser = await launchChromium();
    started.push(browser);
    return { build: build.value, mock: mock.value, site, browser, close };
  } catch (error) {
    await close().catch(() => {});
    throw error;
  }
}

/** A fresh browser context for `use`, closed afterwards. */
export async function withContext<T>(browser: Browser, use: (context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await browser.newContext();
  try {
    return await use(context);
  } finally {
    await context.close();
  }
}

/**
 * How the page calls the API (page/main.ts): `client`, createHostupClient's methods; `core`, the
 * standalone functions of `@hostup/sdk/operations` on createHostupCore.
 */
export type Via = "client" | "core";
export const VIAS: ReadonlyArray<Via> = ["client", "core"];

/**
 * Loads the page from `siteUrl` (the mock's URL, the scenario and the way of calling in the query),
 * waits until every call has rendered.
 */
export async function openPage(
  page: Page,
  siteUrl: string,
  mockUrl: string,
  { scenario = "calls", via = "client" }: { scenario?: string; via?: Via } = {},
): Promise<void> {
  await page.goto(`${siteUrl}/?api=${encodeURIComponent(mockUrl)}&scenario=${scenario}&via=${via}`);
  await page.waitForSelector("body[data-done]", { timeout: 20_000 });
  expect(await page.getAttribute("body", "data-done"), "the page script finished without throwing").toBe("true");
  expect(await page.getAttribute("body", "data-via"), "the way the page called the API").toBe(via);
  const surface = (await page.getAttribute("body", "data-surface"))?.split(",");
  if (via === "core") expect(surface, "a core's own properties: no methods").toEqual(["preload"]);
  else expect(surface, "the client's own properties").toEqual(expect.arrayContaining(["preload", "syncDomainStatus", "findDomainByName"]));
}

/** The text rendered for `field` of call `call`. */
export async function rendered(page: Page, call: string, field: string): Promise<string> {
  return (await page.locator(`section#${call} dd[data-field="${field}"]`).textContent()) ?? "";
}

/** The script files call `call` made the browser fetch (URL paths, in the order asked for). */
export async function fetchedBy(page: Page, call: string): Promise<string[]> {
  return (await rendered(page, call, "fetched")).split(",").filter(Boolean);
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  status?: number;
}

/** The API requests the page sent (the mock's origin only; CORS preflights are not page requests). */
export function recordApiRequests(page: Page, mockUrl: string): SeenRequest[] {
  const seen: SeenRequest[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(`${mockUrl}/`)) return;
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

/**
 * Console errors, minus the one the browser itself logs for the expected 409 (Chromium reports
 * every HTTP error response of a fetch as "Failed to load resource"; the page logged nothing) and,
 * given `missing`, for the script files a test answers with 404 on purpose.
 */
export function unexpectedErrors(errors: ReadonlyArray<PageError>, mockUrl: string, missing?: RegExp): PageError[] {
  return errors.filter(
    (e) =>
      !(
        e.url === `${mockUrl}/api/v2/domains/${DOMAIN_ID}` &&
        e.text === "Failed to load resource: the server responded with a status of 409 (Conflict)"
      ) && !(missing?.test(e.url) && e.text.startsWith("Failed to load resource: the server responded with a status of 404")),
  );
}
