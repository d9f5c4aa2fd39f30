// iterateDomains: cursor pagination over GET /api/v2/domains, lazily, with its stop conditions,
// cancellation, retries and errors. Answered by a fetch handler's script (answers strictly in order).
import { describe, expect } from "vitest";
import {
  HostupAbortError,
  HostupApiError,
  HostupBadRequestError,
  HostupError,
  HostupValidationError,
  type DomainSummary,
} from "../../src/index.js";
import { clientFor, failOnUnhandledRejections, problem, rejectionOf, sleep, test, timed } from "../runtime/helpers.js";
import { domain, page } from "./support.js";

failOnUnhandledRejections();

const D = [1, 2, 3, 4, 5].map((n) => domain(n));
const [d1, d2, d3, d4, d5] = D as [ReturnType<typeof domain>, ...Array<ReturnType<typeof domain>>];
const threePages = [{ json: page([d1, d2], "c1") }, { json: page([d3, d4], "c2") }, { json: page([d5], null) }];

async function collect(iterable: AsyncIterable<DomainSummary>): Promise<DomainSummary[]> {
  const items: DomainSummary[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe.concurrent("iterateDomains", () => {
  test("three pages (2+2+1) → all 5 in order, 3 requests, each page's cursor sent, limit and name on every page", async ({ api }) => {
    api.script(threePages);
    const hostup = clientFor(api, { maxRetries: 0 });

    const items = await collect(hostup.iterateDomains({ limit: 2, name: "example.com" }));

    expect(items).toEqual(D);
    expect(api.requests).toHaveLength(3);
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual(Array(3).fill("GET /api/v2/domains"));
    expect(api.requests.map((r) => r.query)).toEqual([
      { limit: "2", name: "example.com" },
      { limit: "2", name: "example.com", cursor: "c1" },
      { limit: "2", name: "example.com", cursor: "c2" },
    ]);
  });

  test("lazy: breaking out after the first item leaves exactly 1 request made", async ({ api }) => {
    api.script(threePages);
    const hostup = clientFor(api, { maxRetries: 0 });

    const seen: DomainSummary[] = [];
    for await (const item of hostup.iterateDomains()) {
      seen.push(item);
      break;
    }
    await sleep(50); // nothing fetched ahead in the background either

    expect(seen).toEqual([d1]);
    expect(api.requests).toHaveLength(1);
  });

  test("lazy: the next page is fetched only when the loop asks for the item after the current page", async ({ api }) => {
    api.script(threePages);
    const iterator = clientFor(api, { maxRetries: 0 }).iterateDomains()[Symbol.asyncIterator]();

    expect((await iterator.next()).value).toEqual(d1);
    expect((await iterator.next()).value).toEqual(d2);
    await sleep(30);
    expect(api.requests).toHaveLength(1);
    expect((await iterator.next()).value).toEqual(d3);
    expect(api.requests).toHaveLength(2);
    await iterator.return(undefined);
    expect(api.requests).toHaveLength(2);
  });

  test("maxItems: 3 → 3 items and exactly 2 requests", async ({ api }) => {
    api.script(threePages);
    const items = await collect(clientFor(api, { maxRetries: 0 }).iterateDomains({ limit: 2 }, { maxItems: 3 }));

    expect(items).toEqual([d1, d2, d3]);
    expect(api.requests).toHaveLength(2);
  });

  test("maxItems equal to the first page's size → no second request", async ({ api }) => {
    api.script(threePages);
    const items = await collect(clientFor(api, { maxRetries: 0 }).iterateDomains({}, { maxItems: 2 }));

    expect(items).toEqual([d1, d2]);
    expect(api.requests).toHaveLength(1);
  });

  test.for([
    {
      what: "hasMore: false with a non-null nextCursor",
      body: { data: [domain(1), domain(2)], hasMore: false, nextCursor: "c1" },
      items: 2,
    },
    { what: "nextCursor: null (hasMore absent)", body: { data: [domain(1)], nextCursor: null }, items: 1 },
    { what: "nextCursor absent", body: { data: [domain(1)], hasMore: true }, items: 1 },
    { what: "an empty page that still has a cursor", body: { data: [], hasMore: true, nextCursor: "c1" }, items: 0 },
  ])("stops on $what: 1 request", async ({ body, items }, { api }) => {
    // A second page is scripted so that an iterator that wrongly goes on would get it.
    api.script([{ json: body }, { json: page([domain(9)], null) }]);
    const collected = await collect(clientFor(api, { maxRetries: 0 }).iterateDomains());

    expect(collected).toHaveLength(items);
    expect(api.requests).toHaveLength(1);
  });

  test("a repeated cursor → HostupError (no endless loop, a bounded number of requests)", async ({ api }) => {
    // c1 → c2 → c1 again: the third page hands back a cursor the iterator already followed.
    api.script([
      { json: page([d1], "c1") },
      { json: page([d2], "c2") },
      { json: page([d3], "c1") },
      ...Array.from({ length: 10 }, () => ({ json: page([d4], "c2") })),
    ]);
    const seen: DomainSummary[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const item of clientFor(api, { maxRetries: 0 }).iterateDomains()) seen.push(item);
      })(),
    );

    expect(error).toBeInstanceOf(HostupError);
    expect(error).not.toBeInstanceOf(HostupApiError); // not the fetch handler's "script exhausted" 418
    expect(error.message).toContain('"c1"');
    expect(seen).toEqual([d1, d2, d3]);
    expect(api.requests).toHaveLength(3);
    expect(api.unscripted).toBe(0);
  });

  test("abort between pages → HostupAbortError and no further request", async ({ api }) => {
    api.script(threePages);
    const controller = new AbortController();
    const seen: DomainSummary[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const item of clientFor(api, { maxRetries: 0 }).iterateDomains({}, { signal: controller.signal })) {
          seen.push(item);
          if (seen.length === 2) controller.abort(new Error("stop paging")); // the last item of page 1
        }
      })(),
    );
    await sleep(30);

    expect(error).toBeInstanceOf(HostupAbortError);
    expect((error.cause as Error).message).toBe("stop paging");
    expect(seen).toEqual([d1, d2]);
    expect(api.requests).toHaveLength(1);
  });

  test("abort between items of one page → HostupAbortError before the next item", async ({ api }) => {
    api.script(threePages);
    const controller = new AbortController();
    const seen: DomainSummary[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const item of clientFor(api, { maxRetries: 0 }).iterateDomains({}, { signal: controller.signal })) {
          seen.push(item);
          controller.abort();
        }
      })(),
    );

    expect(error).toBeInstanceOf(HostupAbortError);
    expect(seen).toEqual([d1]);
    expect(api.requests).toHaveLength(1);
  });

  test("abort while a page is being fetched → HostupAbortError at once", async ({ api }) => {
    api.script([{ json: page([d1], "c1") }, { json: page([d2], null), delayMs: 2_000 }]);
    const controller = new AbortController();
    const seen: DomainSummary[] = [];
    // Abort once page 2 has been asked for (and is still coming).
    let abortedAt = Number.NaN;
    void api.requested(2).then(() => {
      abortedAt = performance.now();
      controller.abort();
    });
    const { error } = await timed(async () => {
      for await (const item of clientFor(api, { maxRetries: 0, timeoutMs: 5_000 }).iterateDomains({}, { signal: controller.signal })) {
        seen.push(item);
      }
    });
    const sinceAbort = performance.now() - abortedAt;

    expect(error).toBeInstanceOf(HostupAbortError);
    expect(sinceAbort).toBeLessThan(1_000); // far below page 2's 2 s
    expect(seen).toEqual([d1]);
    expect(api.requests).toHaveLength(2);
  });

  test("with maxRetries: 0 a 500 on page 2 surfaces after page 1's items", async ({ api }) => {
    api.script([threePages[0]!, { status: 500, problem: problem(500, "internal_error") }, threePages[1]!]);
    const seen: DomainSummary[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const item of clientFor(api, { maxRetries: 0 }).iterateDomains()) seen.push(item);
      })(),
    );

    expect(error).toBeInstanceOf(HostupApiError);
    expect((error as HostupApiError).status).toBe(500);
    expect(seen).toEqual([d1, d2]);
    expect(api.requests).toHaveLength(2);
  });

  test("an invalid cursor answered by 400 invalid_cursor → HostupBadRequestError with that code, not retried", async ({ api }) => {
    api.script([threePages[0]!, { status: 400, problem: problem(400, "invalid_cursor") }, threePages[1]!]);
    const seen: DomainSummary[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const item of clientFor(api, { maxRetries: 2 }).iterateDomains()) seen.push(item);
      })(),
    );

    expect(error).toBeInstanceOf(HostupBadRequestError);
    expect((error as HostupBadRequestError).code).toBe("invalid_cursor");
    expect((error as HostupBadRequestError).status).toBe(400);
    expect(seen).toEqual([d1, d2]);
    expect(api.requests).toHaveLength(2);
  });

  test("a `cursor` in the query is refused (HostupValidationError), nothing sent", async ({ api }) => {
    api.script(threePages);
    const iterable = clientFor(api, { maxRetries: 0 }).iterateDomains({ cursor: "c1" } as never);
    const error = await rejectionOf(collect(iterable));

    expect(error).toBeInstanceOf(HostupValidationError);
    expect((error as HostupValidationError).field).toBe("query/cursor");
    expect(api.requests).toHaveLength(0);
  });
});

// The retry's backoff runs on a fake clock (../support/fake-clock.ts), whose timers are global: not concurrent.
describe("iterateDomains: retries", () => {
  test("a 500 on page 2 is retried (listDomains is a retry-safe read) with the same cursor, and iteration continues", async ({
    api,
    clock,
  }) => {
    api.script([threePages[0]!, { status: 500, problem: problem(500, "internal_error") }, threePages[1]!, threePages[2]!]);
    const items = await clock.settle(collect(clientFor(api, { maxRetries: 1 }).iterateDomains({ limit: 2 })));

    expect(items).toEqual(D);
    expect(api.requests).toHaveLength(4);
    expect(api.requests.map((r) => r.query.cursor)).toEqual([undefined, "c1", "c1", "c2"]);
  });
});
