// bulkDnsRecordsInBatches and bulkDomainRedirectsInBatches: batches of names carrying the rest of
// the request, client-side refusals (dom_ IDs, non-names), refusals by the API mapped back to the
// caller's index (duplicates, a refusal of the resubmitted rest), whole-batch failures, waiting for
// each batch's job (completed, failed, timed out), checks before sending, abort. Answered by a fetch handler.
import { describe, expect } from "vitest";
import {
  HostupAbortError,
  HostupApiError,
  HostupJobFailedError,
  HostupJobTimeoutError,
  HostupValidationError,
  type BulkDnsRequest,
  type BulkDomainNamesReport,
  type BulkRedirectsRequest,
} from "../../src/index.js";
import { failOnUnhandledRejections, problem, rejectionOf, sleep, test, timed } from "../runtime/helpers.js";
import type { FetchHandler, RecordedRequest } from "../support/fetch-handler.js";
import { clientAt, operationBody, serveBulkRoute, type BulkServerOptions } from "./support.js";

failOnUnhandledRejections();

const DNS_PATH = "/api/v2/domains/bulk/dns";
const REDIRECTS_PATH = "/api/v2/domains/bulk/redirects";
const DMARC = { action: "add" as const, records: [{ type: "TXT" as const, name: "_dmarc", value: "v=DMARC1; p=none" }] };
const REDIRECT = {
  action: "create" as const,
  redirect: { sourceUrl: "https://{domain}/old", targetUrl: "https://www.example.com/new", statusCode: 301 as const },
};

const serveDns = (api: FetchHandler, options: Omit<BulkServerOptions, "path" | "list"> = {}) =>
  serveBulkRoute(api, { path: DNS_PATH, list: "domainNames", ...options });
const bodyOf = (request: RecordedRequest) => request.json as Record<string, unknown> & { domainNames: string[] };
const posts = (api: FetchHandler, path = DNS_PATH) => api.requests.filter((r) => r.method === "POST" && r.path === path).map(bodyOf);

/** `count` distinct domain names: site0.example.com, site1.example.com, … */
const names = (count: number, from = 0) => Array.from({ length: count }, (_, i) => `site${from + i}.example.com`);

/** A 403 "not owned" naming the given names by their position in `sent`. */
function notOwned(sent: string[], foreign: ReadonlyArray<string>) {
  const hits = foreign.filter((name) => sent.includes(name));
  if (hits.length === 0) return undefined;
  return {
    status: 403,
    problem: problem(403, "forbidden", {
      detail: "Some domains are not owned by this account.",
      errors: hits.map((name) => ({ pointer: `/domainNames/${sent.indexOf(name)}`, code: "not_owned", detail: `${name} is not yours.` })),
    }),
  };
}

/** Each distinct name in exactly one of queued, refused, failed. */
function expectAccounted(report: BulkDomainNamesReport, distinct: ReadonlyArray<string>): void {
  const all = [...report.queued, ...report.refused.map((r) => r.domainName), ...report.failed];
  expect(new Set(all).size, "a name is reported twice").toBe(all.length);
  expect([...all].sort()).toEqual([...distinct].sort());
}

describe.concurrent("bulkDnsRecordsInBatches: batching", () => {
  test("250 names, batchSize 100 → 3 requests of 100/100/50 names in order, each with the rest of the request", async ({ api }) => {
    serveDns(api);
    const input = names(250);
    const report = await clientAt(api).bulkDnsRecordsInBatches({ ...DMARC, domainNames: input }, { batchSize: 100, concurrency: 1 });

    const sent = posts(api);
    expect(sent.map((b) => b.domainNames)).toEqual([input.slice(0, 100), input.slice(100, 200), input.slice(200)]);
    for (const body of sent) expect(body).toEqual({ ...DMARC, domainNames: body.domainNames });
    expect(report.queued).toEqual(input);
    expect(report.refused).toEqual([]);
    expect(report.failed).toEqual([]);
    expect(report.batches.map((b) => [b.index, b.domainNames.length, b.operation?.jobId, b.error])).toEqual([
      [0, 100, "dbj_b0", undefined],
      [1, 100, "dbj_b1", undefined],
      [2, 50, "dbj_b2", undefined],
    ]);
    expect(api.handlerErrors).toEqual([]);
  });

  test("a name given twice, also in another case or with a trailing dot, is sent once, as first given", async ({ api }) => {
    serveDns(api);
    const input = ["a.example.se", "b.example.se", "A.Example.SE", "c.example.se", "b.example.se.", "c.example.se"];
    const report = await clientAt(api).bulkDnsRecordsInBatches({ ...DMARC, domainNames: input }, { batchSize: 2, concurrency: 1 });

    expect(posts(api).map((b) => b.domainNames)).toEqual([["a.example.se", "b.example.se"], ["c.example.se"]]);
    expect(report.queued).toEqual(["a.example.se", "b.example.se", "c.example.se"]);
  });

  test("dom_ IDs and values that are not plain names are refused before sending, with their index; the rest are sent", async ({ api }) => {
    serveDns(api);
    const input = ["a.example.se", "dom_01hxa3b4c5d6e7f8g9h0j1k2m3", "https://b.example.se/", "", "localhost", 7, "b.example.se"];
    const report = await clientAt(api).bulkDnsRecordsInBatches({ ...DMARC, domainNames: input as string[] });

    expect(posts(api).map((b) => b.domainNames)).toEqual([["a.example.se", "b.example.se"]]);
    expect(report.refused.map((r) => [r.domainName, r.index, r.pointer, r.by, r.code])).toEqual([
      ["dom_01hxa3b4c5d6e7f8g9h0j1k2m3", 1, "/domainNames/1", "client", "domain_id_not_name"],
      ["https://b.example.se/", 2, "/domainNames/2", "client", "invalid_domain_name"],
      ["", 3, "/domainNames/3", "client", "invalid_domain_name"],
      ["localhost", 4, "/domainNames/4", "client", "invalid_domain_name"],
      ["7", 5, "/domainNames/5", "client", "invalid_domain_name"],
    ]);
    expect(report.refused[0]!.detail).toMatch(/domain ID.*plain domain names/);
    expect(report.queued).toEqual(["a.example.se", "b.example.se"]);
    expect(api.requests.map((r) => r.body).join("\n")).not.toMatch(/dom_|https:/);
  });

  test("names beyond RFC 1035's limits are refused before sending, with a detail that quotes them cut short", async ({ api }) => {
    serveDns(api);
    const huge = `${"a.".repeat(50_000)}se`;
    const longLabel = `${"b".repeat(64)}.example.se`;
    const report = await clientAt(api).bulkDnsRecordsInBatches({ ...DMARC, domainNames: ["a.example.se", huge, longLabel] });

    expect(posts(api).map((b) => b.domainNames)).toEqual([["a.example.se"]]);
    expect(report.refused.map((r) => [r.index, r.by, r.code])).toEqual([
      [1, "client", "invalid_domain_name"],
      [2, "client", "invalid_domain_name"],
    ]);
    expect(report.refused[0]!.detail).toMatch(/is 100004 octets long; RFC 1035 allows 255/);
    expect(report.refused[1]!.detail).toMatch(/a label of 64 octets; RFC 1035 allows 63/);
    for (const refusal of report.refused) expect(refusal.detail!.length).toBeLessThan(300);
    expect(api.requests.map((r) => r.body).join("\n")).not.toContain("aaaaaaaaaa".repeat(10));
  });

  test("only refused values → no request at all", async ({ api }) => {
    serveDns(api);
    const report = await clientAt(api).bulkDnsRecordsInBatches({ ...DMARC, domainNames: ["dom_a1", "example"] });
    expect(api.requests).toHaveLength(0);
    expect(report.refused.map((r) => [r.domainName, r.index])).toEqual([
      ["dom_a1", 0],
      ["example", 1],
    ]);
    expect(report.batches).toEqual([]);
  });
});

// The answers' delays (which keep the batches in flight) run on a fake clock (../support/fake-clock.ts),
// whose timers are global: not concurrent.
describe("bulkDnsRecordsInBatches: concurrency", () => {
  test("concurrency: 3 → the API sees at most (and at least) 3 in flight", async ({ api, clock }) => {
    serveDns(api, { delayMs: 60 });
    const report = await clock.settle(
      clientAt(api).bulkDnsRecordsInBatches({ ...DMARC, domainNames: names(60) }, { batchSize: 10, concurrency: 3 }),
    );
    expect(posts(api)).toHaveLength(6);
    expect(api.maxInFlight).toBe(3);
    expect(report.queued).toHaveLength(60);
  });
});

describe.concurrent("bulkDnsRecordsInBatches: refusals by the API", () => {
  test("a 403 naming /domainNames/3 of the second batch → refused with the caller's index; the rest sent again and queued", async ({
    api,
  }) => {
    const distinct = names(10);
    const foreign = distinct[8]!; // position 3 of the second batch (5–9)
    serveDns(api, { decide: (sent) => notOwned(sent, [foreign]) });
    // A refused ID and a duplicate before it, so the caller's index (10) is neither 3 nor 8.
    const input = ["dom_x1", ...distinct.slice(0, 5), distinct[0]!.toUpperCase(), ...distinct.slice(5)];
    expect(input.indexOf(foreign)).toBe(10);

    const report = await clientAt(api).bulkDnsRecordsInBatches({ ...DMARC, domainNames: input }, { batchSize: 5, concurrency: 1 });

    const rest = distinct.slice(5).filter((name) => name !== foreign);
    expect(posts(api).map((b) => b.domainNames)).toEqual([distinct.slice(0, 5), distinct.slice(5), rest]);
    expect(report.refused).toEqual([
      expect.objectContaining({ domainName: "dom_x1", index: 0, by: "client" }),
      { domainName: foreign, index: 10, pointer: "/domainNames/3", by: 403, code: "not_owned", detail: `${foreign} is not yours.` },
    ]);
    expect(report.batches[1]).toMatchObject({ index: 1, domainNames: rest, operation: { jobId: "dbj_b2" } });
    expect(report.queued).toEqual(distinct.filter((name) => name !== foreign));
    expectAccounted(report, ["dom_x1", ...distinct]);
  });

  test("the resubmitted rest refused again → both refused with the pointer of the request that named them; the third try queued", async ({
    api,
  }) => {
    const input = names(6);
    // The API names one foreign domain per answer, as a server that stops at the first would.
    serveDns(api, { decide: (sent) => notOwned(sent, [[input[1]!, input[4]!].find((name) => sent.includes(name))!].filter(Boolean)) });
    const report = await clientAt(api).bulkDnsRecordsInBatches({ ...DMARC, domainNames: input });

    expect(posts(api).map((b) => b.domainNames)).toEqual([input, [input[0], ...input.slice(2)], [input[0], input[2], input[3], input[5]]]);
    expect(report.refused.map((r) => [r.domainName, r.index, r.pointer, r.by])).toEqual([
      [input[1], 1, "/domainNames/1", 403],
      [input[4], 4, "/domainNames/3", 403], // position 3 of the second request; 4 in the caller's list
    ]);
    expect(report.queued).toEqual([input[0], input[2], input[3], input[5]]);
    expect(report.failed).toEqual([]);
    expectAccounted(report, input);
  });

  test("a rejection naming no domain (a record's field, no pointers) fails that batch only, without resubmission", async ({ api }) => {
    const input = names(6);
    serveDns(api, {
      decide: (_sent, n) =>
        n === 0
          ? {
              status: 400,
              problem: problem(400, "invalid_request", { errors: [{ pointer: "/records/0/value", code: "invalid", detail: "x" }] }),
            }
          : undefined,
    });
    const report = await clientAt(api).bulkDnsRecordsInBatches({ ...DMARC, domainNames: input }, { batchSize: 3, concurrency: 1 });

    expect(posts(api)).toHaveLength(2);
    expect(report.batches[0]!.error).toBeInstanceOf(HostupApiError);
    expect(report.failed).toEqual(input.slice(0, 3));
    expect(report.queued).toEqual(input.slice(3));
    expect(report.refused).toEqual([]);
  });
});

describe.concurrent("bulkDnsRecordsInBatches: waiting for the jobs", () => {
  test("wait → each batch's job polled until completed", async ({ api }) => {
    serveDns(api, { job: (jobId, poll) => operationBody(jobId, poll < 1 ? "in_progress" : "completed", { jobId }) });
    const input = names(5);
    const options = { batchSize: 2, wait: { intervalMs: 10 } };
    const report = await clientAt(api).bulkDnsRecordsInBatches({ ...DMARC, domainNames: input }, options);

    expect(report.batches.map((b) => [b.job?.status, b.job?.jobId === b.operation?.jobId, b.error])).toEqual([
      ["completed", true, undefined],
      ["completed", true, undefined],
      ["completed", true, undefined],
    ]);
    expect(api.requests.filter((r) => r.method === "GET")).toHaveLength(6);
    expect(report.queued).toEqual(input);
  });

  test("a failed job → its batch's names in failed with HostupJobFailedError; the others queued", async ({ api }) => {
    serveDns(api, { job: (jobId) => operationBody(jobId, jobId === "dbj_b1" ? "failed" : "completed") });
    const input = names(6);
    const report = await clientAt(api).bulkDnsRecordsInBatches(
      { ...DMARC, domainNames: input },
      { batchSize: 2, concurrency: 1, wait: { intervalMs: 10 } },
    );

    expect(report.batches[1]!.error).toBeInstanceOf(HostupJobFailedError);
    expect(report.failed).toEqual(input.slice(2, 4));
    expect(report.queued).toEqual([...input.slice(0, 2), ...input.slice(4)]);
  });

  test("a job that outlasts maxWaitMs → its batch failed with HostupJobTimeoutError; the call still answers", async ({ api }) => {
    serveDns(api, { job: (jobId) => operationBody(jobId, jobId === "dbj_b0" ? "in_progress" : "completed") });
    const input = names(4);
    const report = await clientAt(api).bulkDnsRecordsInBatches(
      { ...DMARC, domainNames: input },
      { batchSize: 2, wait: { intervalMs: 10, maxWaitMs: 60 } },
    );

    expect(report.batches[0]!.error).toBeInstanceOf(HostupJobTimeoutError);
    expect((report.batches[0]!.error as HostupJobTimeoutError).jobId).toBe("dbj_b0");
    expect(report.failed).toEqual(input.slice(0, 2));
    expect(report.queued).toEqual(input.slice(2));
  });
});

describe.concurrent("checks before sending", () => {
  const domainNames = names(250);
  test.for<[string, unknown, string]>([
    ["add without records", { action: "add", domainNames }, "/records"],
    ["add with no record", { action: "add", domainNames, records: [] }, "/records"],
    ["delete without deleteType", { action: "delete", domainNames }, "/deleteType"],
    ["delete by_type without recordType", { action: "delete", domainNames, deleteType: "by_type" }, "/recordType"],
    ["delete by_value without recordValue", { action: "delete", domainNames, deleteType: "by_value" }, "/recordValue"],
    ["delete with records", { ...DMARC, action: "delete", deleteType: "all", domainNames }, "/records"],
    ["an unknown action", { ...DMARC, action: "replace", domainNames }, "/action"],
    ["domainNames not an array", { ...DMARC, domainNames: "a.example.se" }, "/domainNames"],
    ["no request", null, "body"],
  ])("DNS, %s → HostupValidationError at %s, nothing sent", async ([, request, field], { api }) => {
    serveDns(api);
    const error = await rejectionOf(clientAt(api).bulkDnsRecordsInBatches(request as BulkDnsRequest));
    expect(error).toBeInstanceOf(HostupValidationError);
    expect(error).toMatchObject({ operationId: "bulkDnsRecords", field, message: expect.stringMatching(/^bulkDnsRecordsInBatches: /) });
    expect(api.requests).toHaveLength(0);
  });

  test.for<[string, unknown, string]>([
    ["create without redirect", { action: "create", domainNames }, "/redirect"],
    ["create with ruleIds", { ...REDIRECT, domainNames, ruleIds: ["redir_01hxa3b4c5d6e7f8g9h0j1k2m3"] }, "/ruleIds"],
    ["delete with a redirect", { ...REDIRECT, action: "delete", domainNames }, "/redirect"],
  ])("redirects, %s → HostupValidationError at %s, nothing sent", async ([, request, field], { api }) => {
    serveDns(api);
    const error = await rejectionOf(clientAt(api).bulkDomainRedirectsInBatches(request as BulkRedirectsRequest));
    expect(error).toMatchObject({ name: "HostupValidationError", operationId: "bulkDomainRedirects", field });
    expect(api.requests).toHaveLength(0);
  });

  test("what the spec's schema refuses (a record type) rejects the call before any of its batches is sent", async ({ api }) => {
    serveDns(api);
    const request = { action: "add", domainNames, records: [{ type: "BOGUS", name: "@", value: "x" }] } as unknown as BulkDnsRequest;
    const error = await rejectionOf(clientAt(api).bulkDnsRecordsInBatches(request, { batchSize: 10, concurrency: 4 }));
    expect(error).toBeInstanceOf(HostupValidationError);
    expect((error as HostupValidationError).field).toMatch(/^\/records\/0/);
    expect(api.requests).toHaveLength(0);
  });

  test.for([0, 1.5, "2"])("batchSize %s → HostupValidationError, nothing sent", async (batchSize, { api }) => {
    serveDns(api);
    const error = await rejectionOf(clientAt(api).bulkDnsRecordsInBatches({ ...DMARC, domainNames }, { batchSize: batchSize as number }));
    expect(error).toMatchObject({ name: "HostupValidationError", field: "options.batchSize" });
    expect(api.requests).toHaveLength(0);
  });
});

describe.concurrent("abort", () => {
  test("abort mid-run → HostupAbortError promptly, no batch started after it", async ({ api }) => {
    serveDns(api, { delayMs: 2_000 });
    const controller = new AbortController();
    let abortedAt = Number.NaN;
    void api.requested(2).then(() => {
      abortedAt = performance.now();
      controller.abort(new Error("shutting down"));
    });
    const { error } = await timed(() =>
      clientAt(api, { timeoutMs: 10_000 }).bulkDnsRecordsInBatches(
        { ...DMARC, domainNames: names(50) },
        { batchSize: 10, signal: controller.signal },
      ),
    );
    const sinceAbort = performance.now() - abortedAt;
    await sleep(100);

    expect(error).toBeInstanceOf(HostupAbortError);
    expect(((error as HostupAbortError).cause as Error).message).toBe("shutting down");
    expect(sinceAbort).toBeLessThan(1_000);
    expect(posts(api)).toHaveLength(2);
  });

  test("an aborted signal before the call → HostupAbortError, nothing sent", async ({ api }) => {
    serveDns(api);
    const request = { ...REDIRECT, domainNames: names(3) };
    const error = await rejectionOf(clientAt(api).bulkDomainRedirectsInBatches(request, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(HostupAbortError);
    expect(api.requests).toHaveLength(0);
  });
});

describe.concurrent("bulkDomainRedirectsInBatches", () => {
  test("creates the redirect on every batch of names; a foreign name refused with its index, the rest queued and waited for", async ({
    api,
  }) => {
    const input = names(5);
    serveBulkRoute(api, {
      path: REDIRECTS_PATH,
      list: "domainNames",
      decide: (sent) => notOwned(sent, [input[3]!]),
      job: (jobId) => operationBody(jobId, "completed"),
    });
    const report = await clientAt(api).bulkDomainRedirectsInBatches(
      { ...REDIRECT, domainNames: input },
      { batchSize: 2, concurrency: 1, wait: { intervalMs: 10 } },
    );

    const sent = posts(api, REDIRECTS_PATH);
    expect(sent.map((b) => b.domainNames)).toEqual([input.slice(0, 2), input.slice(2, 4), [input[2]], [input[4]]]);
    for (const body of sent) expect(body).toEqual({ ...REDIRECT, domainNames: body.domainNames });
    expect(report.refused).toEqual([
      { domainName: input[3], index: 3, pointer: "/domainNames/1", by: 403, code: "not_owned", detail: `${input[3]} is not yours.` },
    ]);
    expect(report.batches.map((b) => b.job?.status)).toEqual(["completed", "completed", "completed"]);
    expect(report.queued).toEqual([input[0], input[1], input[2], input[4]]);
    expectAccounted(report, input);
  });

  test("a delete with ruleIds and no redirect is sent as given", async ({ api }) => {
    serveBulkRoute(api, { path: REDIRECTS_PATH, list: "domainNames" });
    const request: BulkRedirectsRequest = {
      action: "delete",
      domainNames: ["a.example.se"],
      ruleIds: ["redir_01hxa3b4c5d6e7f8g9h0j1k2m3"],
    };
    const report = await clientAt(api).bulkDomainRedirectsInBatches(request);
    expect(posts(api, REDIRECTS_PATH)).toEqual([request]);
    expect(report.queued).toEqual(["a.example.se"]);
  });
});
