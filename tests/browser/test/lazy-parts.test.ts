// When the SDK's lazily loaded parts load in a real browser, and what a call waits for: the page's
// own instrumentation (page/main.ts) renders which script files each call made Chromium fetch and
// the sequential round trips among them; the page build's metafile (support/chunks.ts) says what
// they should be. bench/ reports the same counts from its own bundles (bench/src/bundle-size.ts,
// "before the first request"): the round trips here plus one, for the app's own file.
import { blockNonLocalRequests, collectPageErrors } from "@hostup/chromium-testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chunkName, fetchedFor, roundTripsFor, upFront } from "./support/chunks.js";
import {
  fetchedBy,
  openPage,
  recordApiRequests,
  rendered,
  startHarness,
  unexpectedErrors,
  withContext,
  type Harness,
} from "./support/harness.js";
import { serveSite, type Site } from "./support/site.js";

/**
 * Every script answered this much later: files fetched one after another then take this long each
 * and files fetched together overlap, so the page's count of sequential fetches cannot depend on
 * how fast this machine happens to be.
 */
const SCRIPT_DELAY_MS = 150;

let h: Harness;
let slowSite: Site | undefined;

beforeAll(async () => {
  h = await startHarness();
  slowSite = await serveSite(h.build.files, { scriptDelayMs: SCRIPT_DELAY_MS });
});

afterAll(async () => {
  await Promise.all([slowSite?.close(), h?.close()]);
});

const roundTrips = async (page: Page, call: string, field = "roundTripsBeforeRequest") => Number(await rendered(page, call, field));
const asSet = async (page: Page, call: string) => new Set(await fetchedBy(page, call));

/** Opens the page on the slow site, with every non-local request blocked and no console error allowed. */
async function openSlowPage(page: Page, scenario: string): Promise<void> {
  const blocked = await blockNonLocalRequests(page);
  const errors = collectPageErrors(page);
  await openPage(page, slowSite!.url, h.mock.url, scenario);
  expect(blocked, "requests to anything but 127.0.0.1").toEqual([]);
  expect(unexpectedErrors(errors, h.mock.url), "console errors / uncaught exceptions").toEqual([]);
}

describe("what a first call waits for, in sequential round trips (scripts served 150 ms late)", () => {
  it("without a body: the operation table, one round trip (its chunk imports nothing)", async () => {
    await withContext(h.browser, async (context) => {
      const page = await context.newPage();
      await openSlowPage(page, "calls");
      const graph = h.build.graph;
      const loaded = upFront(graph);
      expect(await asSet(page, "syncDomainStatus")).toEqual(fetchedFor(graph, ["operations"], loaded));
      expect(await roundTrips(page, "syncDomainStatus")).toBe(roundTripsFor(graph, ["operations"], loaded));
      expect(await roundTrips(page, "syncDomainStatus")).toBe(1);
    });
  });

  it("with a body: the operation table, then the input checks and what they import, three round trips one after the other", async () => {
    await withContext(h.browser, async (context) => {
      const page = await context.newPage();
      await openSlowPage(page, "body-first");
      const graph = h.build.graph;
      const loaded = upFront(graph);
      const table = fetchedFor(graph, ["operations"], loaded);
      const tableTrips = roundTripsFor(graph, ["operations"], loaded);
      for (const file of table) loaded.add(file);
      const checks = fetchedFor(graph, ["validate"], loaded);
      expect(await asSet(page, "createDynDnsConfig")).toEqual(new Set([...table, ...checks]));
      // the input checks wait for the table: their trips come after the table's, not beside them
      expect(await roundTrips(page, "createDynDnsConfig")).toBe(tableTrips + roundTripsFor(graph, ["validate"], loaded));
      expect(await roundTrips(page, "createDynDnsConfig")).toBe(3);
      expect(await page.getAttribute("section#createDynDnsConfig", "data-ok")).toBe("true");
      // the next call has everything it needs
      expect(await fetchedBy(page, "syncDomainStatus")).toEqual([]);
      expect(await roundTrips(page, "syncDomainStatus")).toBe(0);
    });
  });

  it("after `await hostup.preload()`: preload fetched the table, the input checks and the error reading at once, and no call fetches anything", async () => {
    await withContext(h.browser, async (context) => {
      const page = await context.newPage();
      await openSlowPage(page, "preload");
      const graph = h.build.graph;
      const parts = ["operations", "validate", "failure"];
      expect(await asSet(page, "preload")).toEqual(fetchedFor(graph, parts, upFront(graph)));
      expect(
        (await fetchedBy(page, "preload"))
          .map(chunkName)
          .filter((name) => name !== "chunk")
          .sort(),
      ).toEqual(["failure", "operations", "validate"]);
      // all of it in parallel: as many round trips as a call without a body waits for, two fewer than one with a body
      expect(await roundTrips(page, "preload", "roundTrips")).toBe(roundTripsFor(graph, parts, upFront(graph)));
      expect(await roundTrips(page, "preload", "roundTrips")).toBe(2);
      for (const call of ["syncDomainStatus", "createDynDnsConfig", "deleteDomain", "invalidRecordType"]) {
        expect(await fetchedBy(page, call), `${call} fetched`).toEqual([]);
      }
      expect(await roundTrips(page, "createDynDnsConfig")).toBe(0);
      expect(await page.getAttribute("section#syncDomainStatus", "data-ok")).toBe("true");
      expect(await page.getAttribute("section#createDynDnsConfig", "data-ok")).toBe("true");
      expect(await rendered(page, "deleteDomain", "name")).toBe("HostupConflictError");
      expect(await rendered(page, "invalidRecordType", "name")).toBe("HostupValidationError");
    });
  });
});

describe("a part that cannot be loaded (a page whose chunk files a redeploy replaced)", () => {
  /** Answers the page's requests for `file` with 404, the first `times` times; returns the paths it answered so. */
  async function missingScript(page: Page, file: RegExp, times = Infinity): Promise<string[]> {
    const missing: string[] = [];
    // Registered after the blocking route, so it is asked first (Playwright: last registered, first).
    await page.route(
      (url) => url.origin === new URL(h.site.url).origin && file.test(url.pathname),
      (route) => {
        if (missing.length >= times) return route.continue();
        missing.push(new URL(route.request().url()).pathname);
        return route.fulfill({ status: 404, body: "gone" });
      },
    );
    return missing;
  }

  // The call rejects with a HostupError whose message says the SDK could not load a part and names
  // the file (the browser's TypeError is its cause). A later call loads it again.
  it("the operation table: the call rejects with a HostupError naming the file, sends nothing, and the next call loads it", async () => {
    await withContext(h.browser, async (context) => {
      const page = await context.newPage();
      const blocked = await blockNonLocalRequests(page);
      const operationsFile = /\/operations-[^/]*\.js$/;
      const missing = await missingScript(page, operationsFile, 1);
      const errors = collectPageErrors(page);
      const requests = recordApiRequests(page, h.mock.url);

      await openPage(page, h.site.url, h.mock.url);
      expect(missing, "the first call asked for the operations chunk, and got a 404").toHaveLength(1);
      expect(await page.getAttribute("section#syncDomainStatus", "data-ok")).toBe("false");
      expect(await rendered(page, "syncDomainStatus", "message")).toContain(`${missing[0]}`);
      expect(await rendered(page, "syncDomainStatus", "message")).toMatch(
        /^The SDK could not load a part it needs \(.*dynamically imported module/,
      );
      expect(await rendered(page, "syncDomainStatus", "isHostupError")).toBe("true");
      expect(await rendered(page, "syncDomainStatus", "roundTripsBeforeRequest"), "no request went out").toBe("null");
      // the failed load is not kept: the next call asks for the file again, gets it, and succeeds
      expect((await fetchedBy(page, "createDynDnsConfig")).filter((file) => operationsFile.test(file))).toHaveLength(1);
      expect(await page.getAttribute("section#createDynDnsConfig", "data-ok")).toBe("true");
      await expect.poll(() => requests.every((r) => r.status !== undefined), { timeout: 5_000 }).toBe(true);
      // the failed call sent nothing: the first request is the next call's
      expect(`${requests[0]?.method} ${requests[0]?.url.slice(h.mock.url.length)} ${requests[0]?.status}`).toMatch(
        /^POST \/api\/v2\/domains\/[^/]+\/dyndns 201$/,
      );

      expect(blocked, "requests to anything but 127.0.0.1").toEqual([]);
      expect(unexpectedErrors(errors, h.mock.url, operationsFile), "console errors / uncaught exceptions").toEqual([]);
    });
  });

  // The error answer must still come out as the right HostupApiError subclass, with its status.
  it("the error reading: an error answer is still typed", async () => {
    await withContext(h.browser, async (context) => {
      const page = await context.newPage();
      const blocked = await blockNonLocalRequests(page);
      const failureFile = /\/failure-[^/]*\.js$/;
      const missing = await missingScript(page, failureFile);
      const errors = collectPageErrors(page);
      recordApiRequests(page, h.mock.url);

      await openPage(page, h.site.url, h.mock.url);
      expect(missing, "the page asked for the error-reading chunk, and got a 404").toHaveLength(1);
      expect(await page.getAttribute("section#syncDomainStatus", "data-ok")).toBe("true");
      expect(await page.getAttribute("section#deleteDomain", "data-ok")).toBe("false");
      expect(await rendered(page, "deleteDomain", "name")).toBe("HostupConflictError");
      expect(await rendered(page, "deleteDomain", "isConflictError")).toBe("true");
      expect(await rendered(page, "deleteDomain", "status")).toBe("409");
      expect(await rendered(page, "deleteDomain", "message")).toMatch(
        /^HTTP 409: Conflict \(The SDK could not load a part it needs \(.+\); the next call tries again\.\) \(DELETE \/api\/v2\/domains\/\{id\}\)$/,
      );
      // what only the body would have told is absent, not made up
      expect(await rendered(page, "deleteDomain", "canDeleteAllowed")).toBe("null");
      expect(await rendered(page, "deleteDomain", "requestId")).toBe("null");

      expect(blocked, "requests to anything but 127.0.0.1").toEqual([]);
      expect(unexpectedErrors(errors, h.mock.url, failureFile), "console errors / uncaught exceptions").toEqual([]);
    });
  });
});
