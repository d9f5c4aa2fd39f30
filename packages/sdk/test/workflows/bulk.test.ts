// bulkSyncDomainStatusInBatches: batching, bounded concurrency, de-duplication, client-side
// refusals, per-item refusals from Problem Details pointers (with resubmission), whole-batch
// failures, waiting for each batch's job, onBatch and cancellation. Answered by a fetch handler.
import { describe, expect } from "vitest";
import {
  HostupAbortError,
  HostupApiError,
  HostupJobFailedError,
  HostupPermissionDeniedError,
  HostupServerError,
  type BatchResult,
  type BulkSyncReport,
} from "../../src/index.js";
import { failOnUnhandledRejections, problem, rejectionOf, sleep, test, timed } from "../runtime/helpers.js";
import type { FetchHandler, RecordedRequest } from "../support/fetch-handler.js";
import { BULK_PATH, clientAt, domainIds, operationBody, serveBulkRoute, type BulkServerOptions } from "./support.js";

failOnUnhandledRejections();

const idsOf = (request: RecordedRequest) => (request.json as { domainIds: string[] }).domainIds;
const bulkRequests = (api: FetchHandler) => api.requests.filter((r) => r.method === "POST" && r.path === BULK_PATH);

/** The status-sync route of the shared bulk server (support.ts). */
const serveBulk = (api: FetchHandler, options: Omit<BulkServerOptions, "path" | "list"> = {}) =>
  serveBulkRoute(api, { path: BULK_PATH, list: "domainIds", ...options });

/** Each ID in exactly one of queued, refused, failed; together they are the distinct input IDs. */
function expectAccounted(report: BulkSyncReport, input: ReadonlyArray<string>): void {
  const all = [...report.queued, ...report.refused.map((r) => r.domainId), ...report.failed];
  expect(new Set(all).size, "an ID is reported twice").toBe(all.length);
  expect([...all].sort()).toEqual([...new Set(input)].sort());
}

describe.concurrent("bulkSyncDomainStatusInBatches: batching", () => {
  test("250 IDs, batchSize 100 → 3 requests carrying 100/100/50 IDs in order; all 250 queued", async ({ api }) => {
    serveBulk(api);
    const ids = domainIds(250);
    const report = await clientAt(api).bulkSyncDomainStatusInBatches(ids, { batchSize: 100, concurrency: 1 });

    const posts = bulkRequests(api);
    expect(posts.map((r) => idsOf(r).length)).toEqual([100, 100, 50]);
    expect(posts.map(idsOf)).toEqual([ids.slice(0, 100), ids.slice(100, 200), ids.slice(200)]);
    expect(api.requests).toHaveLength(3);
    expect(report.queued).toEqual(ids);
    expect(report.refused).toEqual([]);
    expect(report.failed).toEqual([]);
    expect(report.batches.map((b) => [b.index, b.domainIds.length, b.operation?.jobId, b.error])).toEqual([
      [0, 100, "dbj_b0", undefined],
      [1, 100, "dbj_b1", undefined],
      [2, 50, "dbj_b2", undefined],
    ]);
    expect(api.handlerErrors).toEqual([]);
  });

  test("the default batch size is 100 and the default concurrency sends every batch", async ({ api }) => {
    serveBulk(api);
    const ids = domainIds(250);
    const report = await clientAt(api).bulkSyncDomainStatusInBatches(ids);

    const sizes = bulkRequests(api)
      .map((r) => idsOf(r).length)
      .sort((a, b) => b - a);
    expect(sizes).toEqual([100, 100, 50]);
    expect(report.queued).toEqual(ids); // report order is batch order, whatever the arrival order
  });

  test("duplicates are sent once (within and across batches)", async ({ api }) => {
    serveBulk(api);
    const input = ["dom_a1", "dom_b2", "dom_a1", "dom_c3", "dom_b2", "dom_d4", "dom_c3"];
    const report = await clientAt(api).bulkSyncDomainStatusInBatches(input, { batchSize: 2, concurrency: 1 });

    expect(bulkRequests(api).map(idsOf)).toEqual([
      ["dom_a1", "dom_b2"],
      ["dom_c3", "dom_d4"],
    ]);
    expect(report.queued).toEqual(["dom_a1", "dom_b2", "dom_c3", "dom_d4"]);
    expect(report.refused).toEqual([]);
  });

  test("non-dom_ IDs are refused client-side with their input index and never sent", async ({ api }) => {
    serveBulk(api);
    const input = ["dom_a1", "example.com", "dom_b2", "", "dom_1/x", "dom_c3"];
    const report = await clientAt(api).bulkSyncDomainStatusInBatches(input);

    expect(bulkRequests(api).map(idsOf)).toEqual([["dom_a1", "dom_b2", "dom_c3"]]);
    expect(report.refused).toEqual([
      expect.objectContaining({ domainId: "example.com", index: 1, pointer: "/domainIds/1", by: "client" }),
      expect.objectContaining({ domainId: "", index: 3, pointer: "/domainIds/3", by: "client" }),
      expect.objectContaining({ domainId: "dom_1/x", index: 4, pointer: "/domainIds/4", by: "client" }),
    ]);
    for (const refused of report.refused) expect(refused.detail).toEqual(expect.any(String));
    expect(report.queued).toEqual(["dom_a1", "dom_b2", "dom_c3"]);
    expect(report.failed).toEqual([]);
    expect(api.requests.map((r) => r.body).join("\n")).not.toMatch(/example\.com|dom_1\/x/);
  });

  test("only invalid IDs → no request at all, every one refused", async ({ api }) => {
    serveBulk(api);
    const report = await clientAt(api).bulkSyncDomainStatusInBatches(["example.com", "dom_"]);

    expect(api.requests).toHaveLength(0);
    expect(report.refused.map((r) => [r.domainId, r.index, r.by])).toEqual([
      ["example.com", 0, "client"],
      ["dom_", 1, "client"],
    ]);
    expect(report.batches).toEqual([]);
    expect(report.queued).toEqual([]);
  });
});

// The answers' delays (which keep the batches in flight) run on a fake clock (../support/fake-clock.ts),
// whose timers are global: not concurrent.
describe("bulkSyncDomainStatusInBatches: concurrency", () => {
  test.for([1, 2, 3])(
    "concurrency: %i → the API never sees more than that many in flight (and does see that many)",
    async (concurrency, { api, clock }) => {
      serveBulk(api, { delayMs: 60 });
      const report = await clock.settle(clientAt(api).bulkSyncDomainStatusInBatches(domainIds(60), { batchSize: 10, concurrency }));

      expect(bulkRequests(api)).toHaveLength(6);
      expect(api.maxInFlight).toBe(concurrency);
      expect(report.queued).toHaveLength(60);
    },
  );

  test("the default concurrency is 2", async ({ api, clock }) => {
    serveBulk(api, { delayMs: 60 });
    await clock.settle(clientAt(api).bulkSyncDomainStatusInBatches(domainIds(50), { batchSize: 10 }));
    expect(api.maxInFlight).toBe(2);
  });
});

describe.concurrent("bulkSyncDomainStatusInBatches: refusals by the API", () => {
  test("a 400 naming /domainIds/3 in the second batch → that ID refused with its caller index; the rest resubmitted and queued", async ({
    api,
  }) => {
    const ids = domainIds(10);
    const bad = ids[8]!; // position 3 of the second batch (ids 5–9)
    serveBulk(api, {
      decide: (sent) =>
        sent.includes(bad)
          ? {
              status: 400,
              problem: problem(400, "invalid_request", {
                errors: [{ pointer: `/domainIds/${sent.indexOf(bad)}`, code: "invalid_request", detail: "Domain is not active." }],
              }),
            }
          : undefined,
    });
    // An invalid ID and a duplicate before it, so the caller's index (10) is neither 3 nor 8.
    const input = ["example.com", ...ids.slice(0, 5), ids[0]!, ...ids.slice(5)];
    expect(input.indexOf(bad)).toBe(10);

    const report = await clientAt(api).bulkSyncDomainStatusInBatches(input, { batchSize: 5, concurrency: 1 });

    const posts = bulkRequests(api).map(idsOf);
    expect(posts).toEqual([ids.slice(0, 5), ids.slice(5), [ids[5], ids[6], ids[7], ids[9]]]);
    expect(report.refused).toEqual([
      expect.objectContaining({ domainId: "example.com", index: 0, by: "client" }),
      { domainId: bad, index: 10, pointer: "/domainIds/3", by: 400, code: "invalid_request", detail: "Domain is not active." },
    ]);
    expect(report.batches[1]).toMatchObject({ index: 1, domainIds: [ids[5], ids[6], ids[7], ids[9]], operation: { jobId: "dbj_b2" } });
    expect(report.batches[1]!.error).toBeUndefined();
    expect(report.queued).toEqual(ids.filter((id) => id !== bad));
    expect(report.failed).toEqual([]);
    expectAccounted(report, input.filter((id) => id.startsWith("dom_")).concat("example.com"));
  });

  test('a 403 "not owned" naming two IDs → both refused (by 403), the rest resubmitted', async ({ api }) => {
    const ids = domainIds(6);
    const foreign = [ids[1]!, ids[4]!];
    serveBulk(api, {
      decide: (sent) => {
        const hits = foreign.filter((id) => sent.includes(id));
        if (hits.length === 0) return undefined;
        return {
          status: 403,
          problem: problem(403, "forbidden", {
            detail: "Some domains are not owned by this account.",
            errors: hits.map((id) => ({ pointer: `/domainIds/${sent.indexOf(id)}`, code: "not_owned", detail: `${id} is not yours.` })),
          }),
        };
      },
    });
    const report = await clientAt(api).bulkSyncDomainStatusInBatches(ids);

    expect(bulkRequests(api).map(idsOf)).toEqual([ids, [ids[0], ids[2], ids[3], ids[5]]]);
    expect(report.refused).toEqual([
      { domainId: ids[1], index: 1, pointer: "/domainIds/1", by: 403, code: "not_owned", detail: `${ids[1]} is not yours.` },
      { domainId: ids[4], index: 4, pointer: "/domainIds/4", by: 403, code: "not_owned", detail: `${ids[4]} is not yours.` },
    ]);
    expect(report.queued).toEqual([ids[0], ids[2], ids[3], ids[5]]);
    expect(report.failed).toEqual([]);
  });

  test("a 403 without pointers → that batch's IDs in failed with a HostupPermissionDeniedError; other batches still queued; no resubmission", async ({
    api,
  }) => {
    const ids = domainIds(9);
    serveBulk(api, { decide: (sent) => (sent.includes(ids[3]!) ? { status: 403, problem: problem(403, "forbidden") } : undefined) });
    const report = await clientAt(api).bulkSyncDomainStatusInBatches(ids, { batchSize: 3, concurrency: 1 });

    expect(bulkRequests(api)).toHaveLength(3);
    expect(report.failed).toEqual(ids.slice(3, 6));
    expect(report.batches[1]!.error).toBeInstanceOf(HostupPermissionDeniedError);
    expect((report.batches[1]!.error as HostupPermissionDeniedError).code).toBe("forbidden");
    expect(report.batches[1]!.domainIds).toEqual(ids.slice(3, 6));
    expect(report.batches[0]!.error).toBeUndefined();
    expect(report.batches[2]!.error).toBeUndefined();
    expect(report.queued).toEqual([...ids.slice(0, 3), ...ids.slice(6)]);
    expect(report.refused).toEqual([]);
    expectAccounted(report, ids);
  });

  test("a rejection whose pointers name no item (/domainIds, /other, out of range) fails the batch, no resubmission", async ({ api }) => {
    const ids = domainIds(3);
    serveBulk(api, {
      decide: () => ({
        status: 400,
        problem: problem(400, "invalid_request", {
          errors: [
            { pointer: "/domainIds", code: "too_many", detail: "x" },
            { pointer: "/other/1", code: "x", detail: "x" },
            { pointer: "/domainIds/7", code: "x", detail: "x" },
          ],
        }),
      }),
    });
    const report = await clientAt(api).bulkSyncDomainStatusInBatches(ids);

    expect(bulkRequests(api)).toHaveLength(1);
    expect(report.failed).toEqual(ids);
    expect(report.refused).toEqual([]);
    expect(report.batches[0]!.error).toBeInstanceOf(HostupApiError);
  });

  test("a 500 (retries off) fails only that batch", async ({ api }) => {
    const ids = domainIds(4);
    serveBulk(api, { decide: (_sent, n) => (n === 0 ? { status: 500, problem: problem(500, "internal_error") } : undefined) });
    const report = await clientAt(api).bulkSyncDomainStatusInBatches(ids, { batchSize: 2, concurrency: 1 });

    expect(report.batches[0]!.error).toBeInstanceOf(HostupServerError);
    expect(report.failed).toEqual(ids.slice(0, 2));
    expect(report.queued).toEqual(ids.slice(2));
  });

  test("every ID ends up in exactly one of queued, refused, failed, even when a 202 carries no operation", async ({ api }) => {
    const ids = domainIds(4);
    serveBulk(api, { decide: (sent, n) => (n === 0 ? { status: 202, json: { domainsQueued: sent.length } } : undefined) });
    const report = await clientAt(api).bulkSyncDomainStatusInBatches(ids, { batchSize: 2, concurrency: 1 });

    expect(bulkRequests(api)).toHaveLength(2);
    expectAccounted(report, ids);
  });
});

describe.concurrent("bulkSyncDomainStatusInBatches: waiting, onBatch, abort", () => {
  test("wait: { intervalMs: 10 } → each batch's job polled to completion", async ({ api }) => {
    serveBulk(api, { job: (jobId, poll) => operationBody(jobId, poll < 1 ? "in_progress" : "completed", { jobId }) });
    const ids = domainIds(5);
    const report = await clientAt(api).bulkSyncDomainStatusInBatches(ids, { batchSize: 2, wait: { intervalMs: 10 } });

    expect(report.batches).toHaveLength(3);
    for (const batch of report.batches) {
      expect(batch.job?.status).toBe("completed");
      expect(batch.job?.jobId).toBe(batch.operation?.jobId);
      expect(batch.job?.result).toEqual({ jobId: batch.operation?.jobId });
      expect(batch.error).toBeUndefined();
    }
    const polls = api.requests.filter((r) => r.method === "GET");
    expect(polls).toHaveLength(6); // two per job
    expect(new Set(polls.map((r) => r.path))).toEqual(new Set(["/api/jobs/dbj_b0", "/api/jobs/dbj_b1", "/api/jobs/dbj_b2"]));
    expect(report.queued).toEqual(ids);
    expect(report.failed).toEqual([]);
    expect(api.handlerErrors).toEqual([]);
  });

  test("wait: a failing job → that batch's error is HostupJobFailedError and its IDs are failed, not queued", async ({ api }) => {
    serveBulk(api, { job: (jobId) => operationBody(jobId, jobId === "dbj_b1" ? "failed" : "completed") });
    const ids = domainIds(6);
    const report = await clientAt(api).bulkSyncDomainStatusInBatches(ids, { batchSize: 2, concurrency: 1, wait: { intervalMs: 10 } });

    expect(report.batches[1]!.error).toBeInstanceOf(HostupJobFailedError);
    expect((report.batches[1]!.error as HostupJobFailedError).job.jobId).toBe("dbj_b1");
    expect(report.failed).toEqual(ids.slice(2, 4));
    expect(report.queued).toEqual([...ids.slice(0, 2), ...ids.slice(4)]);
    expect(report.batches[0]!.job?.status).toBe("completed");
    expect(report.batches[2]!.job?.status).toBe("completed");
  });

  test("wait: true waits with the defaults", async ({ api }) => {
    serveBulk(api, { job: (jobId) => operationBody(jobId, "completed") });
    const report = await clientAt(api).bulkSyncDomainStatusInBatches(domainIds(2), { wait: true });
    expect(report.batches[0]!.job?.status).toBe("completed");
    expect(api.requests.filter((r) => r.method === "GET")).toHaveLength(1);
  });

  test("without wait no job is polled", async ({ api }) => {
    serveBulk(api, { job: (jobId) => operationBody(jobId, "completed") });
    const report = await clientAt(api).bulkSyncDomainStatusInBatches(domainIds(3));
    expect(api.requests.filter((r) => r.method === "GET")).toHaveLength(0);
    expect(report.batches[0]!.job).toBeUndefined();
  });

  test("onBatch is called once per batch, with the batch the report holds", async ({ api }) => {
    serveBulk(api, { decide: (_sent, n) => (n === 1 ? { status: 403, problem: problem(403, "forbidden") } : undefined) });
    const seen: BatchResult[] = [];
    const report = await clientAt(api).bulkSyncDomainStatusInBatches(domainIds(7), { batchSize: 3, onBatch: (b) => seen.push(b) });

    expect(seen).toHaveLength(3);
    expect(seen.map((b) => b.index).sort()).toEqual([0, 1, 2]);
    for (const batch of seen) expect(report.batches[batch.index]).toBe(batch);
  });

  test("abort mid-run → HostupAbortError promptly, no further request, no unhandled rejection", async ({ api }) => {
    serveBulk(api, { delayMs: 2_000 });
    const controller = new AbortController();
    // Abort once both lanes have a batch in flight.
    let abortedAt = Number.NaN;
    void api.requested(2).then(() => {
      abortedAt = performance.now();
      controller.abort(new Error("shutting down"));
    });
    const { error } = await timed(() =>
      clientAt(api, { timeoutMs: 10_000 }).bulkSyncDomainStatusInBatches(domainIds(50), { batchSize: 10, signal: controller.signal }),
    );
    const sinceAbort = performance.now() - abortedAt;
    await sleep(100);

    expect(error).toBeInstanceOf(HostupAbortError);
    expect(((error as HostupAbortError).cause as Error).message).toBe("shutting down");
    expect(sinceAbort).toBeLessThan(1_000); // far below the answers' 2 s
    expect(bulkRequests(api)).toHaveLength(2); // the two in flight; no batch started after the abort
  });

  test("abort while waiting for a batch's job → HostupAbortError, no further poll", async ({ api }) => {
    serveBulk(api, { job: (jobId) => operationBody(jobId, "in_progress") });
    const controller = new AbortController();
    // Abort once both batches are in and each job has been polled once (two POSTs, two GETs):
    // both lanes are then in their 5 s pause.
    let abortedAt = Number.NaN;
    void api.requested(4).then(() =>
      setTimeout(() => {
        abortedAt = performance.now();
        controller.abort();
      }, 20),
    );
    const { error } = await timed(() =>
      clientAt(api).bulkSyncDomainStatusInBatches(domainIds(4), {
        batchSize: 2,
        signal: controller.signal,
        wait: { intervalMs: 5_000 },
      }),
    );
    const sinceAbort = performance.now() - abortedAt;
    await sleep(100);

    expect(error).toBeInstanceOf(HostupAbortError);
    expect(sinceAbort).toBeLessThan(1_000); // far below the 5 s pause
    expect(api.requests).toHaveLength(4); // nothing after the abort
    expect(api.requests.filter((r) => r.method === "GET")).toHaveLength(2); // one poll per job, then the long pause
  });

  test("an aborted signal before the call → HostupAbortError, nothing sent", async ({ api }) => {
    serveBulk(api);
    const error = await rejectionOf(clientAt(api).bulkSyncDomainStatusInBatches(domainIds(3), { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(HostupAbortError);
    expect(api.requests).toHaveLength(0);
  });
});
