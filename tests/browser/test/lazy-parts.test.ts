// When the SDK's lazily loaded parts load in a real browser, and what a call waits for: the page's
// own instrumentation (page/main.ts) renders which script files each call made Chromium fetch and
// the sequential round trips among them; the page build's metafile (support/chunks.ts) says what
// they should be. bench/ reports the same counts from its own bundles (bench/src/bundle-size.ts,
// "before the first request"): the round trips here plus one, for the app's own file.
//
// Every operation is in the page's own file (createHostupClient's table, or the standalone function's
// own constant): a call without a body waits for no lazy part, a call with a body or a query for the
// input checks, an error answer is read by the error-reading part, a workflow's first call loads the
// workflows. Each test runs both ways of calling (support/harness.ts, `Via`), but for the workflow,
// which only the client has.
import { blockNonLocalRequests, collectPageErrors } from "@hostup/chromium-testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chunkName, fetchedFor, lazyPart, roundTripsFor, upFront } from "./support/chunks.js";
import {
  DOMAIN_ID,
  fetchedBy,
  openPage,
  recordApiRequests,
  rendered,
  startHarness,
  unexpectedErrors,
  VIAS,
  withContext,
  type Harness,
  type Via,
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
/** `fetchedFor`, adding what it returns to `loaded`: the files a call fetches, given what earlier calls did. */
const fetching = (parts: ReadonlyArray<string>, loaded: Set<string>): Set<string> => {
  const files = fetchedFor(h.build.graph, parts, loaded);
  for (const file of files) loaded.add(file);
  return files;
};

/** Opens the page on the slow site, with every non-local request blocked and no console error allowed. */
async function openSlowPage(page: Page, scenario: string, via: Via): Promise<void> {
  const blocked = await blockNonLocalRequests(page);
  const errors = collectPageErrors(page);
  await openPage(page, slowSite!.url, h.mock.url, { scenario, via });
  expect(blocked, "requests to anything but 127.0.0.1").toEqual([]);
  expect(unexpectedErrors(errors, h.mock.url), "console errors / uncaught exceptions").toEqual([]);
}

describe.each(VIAS)("what a first call waits for, in sequential round trips (via %s, scripts served 150 ms late)", (via) => {
  it("without a body: nothing, zero round trips (its operation is in the page's own file)", async () => {
    await withContext(h.browser, async (context) => {
      const page = await context.newPage();
      await openSlowPage(page, "calls", via);
      const graph = h.build.graph;
      const loaded = upFront(graph);
      expect(await asSet(page, "syncDomainStatus")).toEqual(fetchedFor(graph, [], loaded));
      expect(await fetchedBy(page, "syncDomainStatus")).toEqual([]);
      expect(await roundTrips(page, "syncDomainStatus")).toBe(roundTripsFor(graph, [], loaded));
      expect(await roundTrips(page, "syncDomainStatus")).toBe(0);
      expect(await roundTrips(page, "syncDomainStatus", "roundTrips")).toBe(0);
      expect(await page.getAttribute("section#syncDomainStatus", "data-ok")).toBe("true");
    });
  });

  it("with a body: the input checks and what they import, two round trips one after the other", async () => {
    await withContext(h.browser, async (context) => {
      const page = await context.newPage();
      await openSlowPage(page, "body-first", via);
      const graph = h.build.graph;
      const loaded = upFront(graph);
      expect(await asSet(page, "createDynDnsConfig")).toEqual(fetchedFor(graph, ["validate"], loaded));
      expect((await fetchedBy(page, "createDynDnsConfig")).map(chunkName).filter((name) => name !== "chunk")).toEqual(["validate"]);
      // the chunk, then the shared chunks it imports: one fewer than when the operation table was a lazy part too
      expect(await roundTrips(page, "createDynDnsConfig")).toBe(roundTripsFor(graph, ["validate"], loaded));
      expect(await roundTrips(page, "createDynDnsConfig")).toBe(2);
      expect(await page.getAttribute("section#createDynDnsConfig", "data-ok")).toBe("true");
      // the next call has everything it needs
      expect(await fetchedBy(page, "syncDomainStatus")).toEqual([]);
      expect(await roundTrips(page, "syncDomainStatus")).toBe(0);
    });
  });

  it("an error answer: its request waits for nothing, the error reading loads after the answer (one round trip: its shared chunk came with the input checks)", async () => {
    await withContext(h.browser, async (context) => {
      const page = await context.newPage();
      await openSlowPage(page, "calls", via);
      const graph = h.build.graph;
      const loaded = upFront(graph);
      fetching([], loaded); // syncDomainStatus
      fetching(["validate"], loaded); // createDynDnsConfig
      const reading = fetchedFor(graph, ["failure"], loaded);
      expect(await asSet(page, "deleteDomain")).toEqual(reading);
      expect([...reading].map(chunkName)).toEqual(["failure"]);
      expect(await roundTrips(page, "deleteDomain")).toBe(0);
      expect(await roundTrips(page, "deleteDomain", "roundTrips")).toBe(roundTripsFor(graph, ["failure"], loaded));
      expect(await roundTrips(page, "deleteDomain", "roundTrips")).toBe(1);
      expect(await rendered(page, "deleteDomain", "name")).toBe("HostupConflictError");
      // refused by the input checks already loaded: nothing fetched, nothing sent
      expect(await fetchedBy(page, "invalidRecordType")).toEqual([]);
      expect(await rendered(page, "invalidRecordType", "roundTripsBeforeRequest")).toBe("null");
      expect(await rendered(page, "invalidRecordType", "name")).toBe("HostupValidationError");
    });
  });

  it("after `await preload()`: preload fetched the input checks and the error reading at once, and no call fetches anything", async () => {
    await withContext(h.browser, async (context) => {
      const page = await context.newPage();
      await openSlowPage(page, "preload", via);
      const graph = h.build.graph;
      const parts = ["validate", "failure"];
      expect(await asSet(page, "preload")).toEqual(fetchedFor(graph, parts, upFront(graph)));
      expect(
        (await fetchedBy(page, "preload"))
          .map(chunkName)
          .filter((name) => name !== "chunk")
          .sort(),
      ).toEqual(["failure", "validate"]);
      // all of it in parallel: as many round trips as a call with a body waits for
      expect(await roundTrips(page, "preload", "roundTrips")).toBe(roundTripsFor(graph, parts, upFront(graph)));
      expect(await roundTrips(page, "preload", "roundTrips")).toBe(2);
      for (const call of ["syncDomainStatus", "createDynDnsConfig", "deleteDomain", "invalidRecordType"]) {
        expect(await fetchedBy(page, call), `${call} fetched`).toEqual([]);
        expect(await roundTrips(page, call, "roundTrips"), `${call} round trips`).toBe(0);
      }
      expect(await roundTrips(page, "createDynDnsConfig")).toBe(0);
      expect(await page.getAttribute("section#syncDomainStatus", "data-ok")).toBe("true");
      expect(await page.getAttribute("section#createDynDnsConfig", "data-ok")).toBe("true");
      expect(await rendered(page, "deleteDomain", "name")).toBe("HostupConflictError");
      expect(await rendered(page, "invalidRecordType", "name")).toBe("HostupValidationError");
    });
  });
});

describe("a workflow's first call (scripts served 150 ms late)", () => {
  it("loads the workflows, then (its list call has a query) the input checks: their round trips one after the other", async () => {
    await withContext(h.browser, async (context) => {
      const page = await context.newPage();
      const requests = recordApiRequests(page, h.mock.url);
      await openSlowPage(page, "workflow", "client");
      const graph = h.build.graph;
      const loaded = upFront(graph);
      const workflowTrips = roundTripsFor(graph, ["workflows"], loaded);
      const workflows = fetching(["workflows"], loaded);
      const checkTrips = roundTripsFor(graph, ["validate"], loaded);
      const checks = fetching(["validate"], loaded);
      expect(await asSet(page, "findDomainByName")).toEqual(new Set([...workflows, ...checks]));
      expect(
        (await fetchedBy(page, "findDomainByName")).map(chunkName).filter((name) => name !== "chunk"),
        "asked for in this order",
      ).toEqual(["workflows", "validate"]);
      // the input checks are asked for once the workflows have run: their trips come after the workflows', not beside them
      expect(await roundTrips(page, "findDomainByName")).toBe(workflowTrips + checkTrips);
      expect(await roundTrips(page, "findDomainByName")).toBe(4);
      expect(await page.getAttribute("section#findDomainByName", "data-ok")).toBe("true");
      expect(await rendered(page, "findDomainByName", "name")).toBe("example.com");
      expect(await rendered(page, "findDomainByName", "id")).toMatch(/^dom_[0-9a-z]+$/);
      // the next call has everything it needs
      expect(await fetchedBy(page, "syncDomainStatus")).toEqual([]);
      await expect.poll(() => requests.every((r) => r.status !== undefined), { timeout: 5_000 }).toBe(true);
      expect(requests.map((r) => `${r.method} ${r.url.slice(h.mock.url.length)} ${r.status}`)).toEqual([
        "GET /api/v2/domains?name=example.com 200",
        `POST /api/v2/domains/${DOMAIN_ID}/actions/status-sync 200`,
      ]);
    });
  });
});

describe.each(VIAS)("a part that cannot be loaded (a page whose chunk files a redeploy replaced; via %s)", (via) => {
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
  // the file (the browser's TypeError is its cause). A later call that needs it loads it again.
  it("the input checks: a call with a body rejects with a HostupError naming the file and sends nothing; one without a body is not held up; the next call with a body loads them", async () => {
    await withContext(h.browser, async (context) => {
      const page = await context.newPage();
      const blocked = await blockNonLocalRequests(page);
      const validateFile = /\/validate-[^/]*\.js$/;
      const missing = await missingScript(page, validateFile, 1);
      const errors = collectPageErrors(page);
      const requests = recordApiRequests(page, h.mock.url);

      await openPage(page, h.site.url, h.mock.url, { scenario: "body-again", via });
      const graph = h.build.graph;
      expect(missing, "the call with a body asked for the input checks' chunk, and got a 404").toEqual([lazyPart(graph, "validate")]);
      expect(await page.getAttribute("section#createDynDnsConfig", "data-ok")).toBe("false");
      expect(await rendered(page, "createDynDnsConfig", "message")).toContain(`${missing[0]}`);
      expect(await rendered(page, "createDynDnsConfig", "message")).toMatch(
        /^The SDK could not load a part it needs \(.*dynamically imported module.*\); the next call tries again\.$/,
      );
      expect(await rendered(page, "createDynDnsConfig", "name")).toBe("HostupError");
      expect(await rendered(page, "createDynDnsConfig", "isHostupError")).toBe("true");
      expect(await rendered(page, "createDynDnsConfig", "cause")).toMatch(/^TypeError: /);
      expect(await rendered(page, "createDynDnsConfig", "roundTripsBeforeRequest"), "no request went out").toBe("null");
      // the missing chunk was never read, so nothing it imports was asked for
      expect(await fetchedBy(page, "createDynDnsConfig")).toEqual(missing);
      // a call without a body needs no lazy part: the failed load does not hold it up
      expect(await page.getAttribute("section#syncDomainStatus", "data-ok")).toBe("true");
      expect(await fetchedBy(page, "syncDomainStatus")).toEqual([]);
      // the failed load is not kept: the next call with a body asks for the file again, gets it with what it imports, and succeeds
      const loaded = upFront(graph);
      expect(await asSet(page, "createDynDnsConfigAgain")).toEqual(fetchedFor(graph, ["validate"], loaded));
      expect((await fetchedBy(page, "createDynDnsConfigAgain")).filter((file) => validateFile.test(file))).toEqual(missing);
      expect(await roundTrips(page, "createDynDnsConfigAgain")).toBe(roundTripsFor(graph, ["validate"], loaded));
      expect(await page.getAttribute("section#createDynDnsConfigAgain", "data-ok")).toBe("true");
      expect(await rendered(page, "createDynDnsConfigAgain", "hostname")).toBe("home.example.com");
      await expect.poll(() => requests.every((r) => r.status !== undefined), { timeout: 5_000 }).toBe(true);
      // the failed call sent nothing: the requests are the next two calls'
      expect(requests.map((r) => `${r.method} ${r.url.slice(h.mock.url.length)} ${r.status}`)).toEqual([
        `POST /api/v2/domains/${DOMAIN_ID}/actions/status-sync 200`,
        `POST /api/v2/domains/${DOMAIN_ID}/dyndns 201`,
      ]);

      expect(blocked, "requests to anything but 127.0.0.1").toEqual([]);
      expect(unexpectedErrors(errors, h.mock.url, validateFile), "console errors / uncaught exceptions").toEqual([]);
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

      await openPage(page, h.site.url, h.mock.url, { via });
      expect(missing, "the page asked for the error-reading chunk, and got a 404").toEqual([lazyPart(h.build.graph, "failure")]);
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
