// waitForJob (and bulkSyncDomainStatusAndWait): polling GET /api/jobs/{jobId} in either body
// shape, terminal states, the deadline, cancellation, the accepted job references, and back-off.
import { describe, expect } from "vitest";
import {
  HostupAbortError,
  HostupError,
  HostupJobFailedError,
  HostupJobTimeoutError,
  HostupValidationError,
  type JobReference,
  type JobState,
} from "../../src/index.js";
import { clientFor, failOnUnhandledRejections, rejectionOf, test, timed } from "../runtime/helpers.js";
import type { FetchHandler } from "../support/fetch-handler.js";
import { accepted, BULK_PATH, clientAt, legacyBody, operationBody } from "./support.js";

failOnUnhandledRejections();

const JOB = "dbj_01hxa3b4c5d6e7f8g9h0j1k2m3";
const JOB_PATH = `/api/jobs/${JOB}`;
const RESULT = { synced: 2, failed: 0 };

/** Answers GET /api/jobs/{JOB} with `bodies[n]` for the n-th poll (the last one from then on). */
function serveJob(api: FetchHandler, bodies: ReadonlyArray<unknown>, jobPath = JOB_PATH): void {
  let polls = 0;
  api.handle(({ method, path }) => {
    if (method !== "GET" || path !== jobPath) throw new Error(`unexpected ${method} ${path}`);
    const body = bodies[Math.min(polls++, bodies.length - 1)];
    return { json: body };
  });
}

describe.concurrent("waitForJob: states", () => {
  test("operation shape: queued → in_progress → completed; onProgress gets every state; 3 polls", async ({ api }) => {
    const bodies = [operationBody(JOB, "queued"), operationBody(JOB, "in_progress"), operationBody(JOB, "completed", RESULT)];
    api.script(bodies.map((json) => ({ json })));
    const states: JobState[] = [];

    const job = await clientFor(api, { maxRetries: 0 }).waitForJob(JOB, { intervalMs: 10, onProgress: (s) => states.push(s) });

    expect(job).toEqual({ jobId: JOB, status: "completed", progress: undefined, result: RESULT, raw: bodies[2] });
    expect(states.map((s) => s.status)).toEqual(["queued", "in_progress", "completed"]);
    expect(states.map((s) => s.raw)).toEqual(bodies);
    expect(states[2]).toEqual(job);
    expect(api.requests).toHaveLength(3);
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual(Array(3).fill(`GET ${JOB_PATH}`));
  });

  test("legacy shape: waiting → active → isCompleted; onProgress gets every state; 3 polls", async ({ api }) => {
    const bodies = [
      legacyBody(JOB, "waiting", {}, 0),
      legacyBody(JOB, "active", {}, 40),
      legacyBody(JOB, "completed", { isCompleted: true }, 100, RESULT),
    ];
    api.script(bodies.map((json) => ({ json })));
    const states: JobState[] = [];

    const job = await clientFor(api, { maxRetries: 0 }).waitForJob(JOB, { intervalMs: 10, onProgress: (s) => states.push(s) });

    expect(job).toEqual({ jobId: JOB, status: "completed", progress: 100, result: RESULT, raw: bodies[2] });
    expect(states.map((s) => [s.status, s.progress])).toEqual([
      ["queued", 0],
      ["in_progress", 40],
      ["completed", 100],
    ]);
    expect(api.requests).toHaveLength(3);
  });

  test("legacy shape: the isCompleted flag alone ends the wait (state unknown to the SDK)", async ({ api }) => {
    const bodies = [legacyBody(JOB, "mystery", { isRunning: true }), legacyBody(JOB, "mystery", { isCompleted: true })];
    api.script(bodies.map((json) => ({ json })));
    const states: JobState[] = [];

    const job = await clientFor(api, { maxRetries: 0 }).waitForJob(JOB, { intervalMs: 10, onProgress: (s) => states.push(s) });

    expect(job.status).toBe("completed");
    expect(states.map((s) => s.status)).toEqual(["in_progress", "completed"]);
    expect(api.requests).toHaveLength(2);
  });

  test("progress is read from progressDetails.percentage (over data.progress), else from data.progress", async ({ api }) => {
    const withDetails = legacyBody(JOB, "active", {}, 42);
    withDetails.data.progress = 7; // a different, coarser number: percentage wins
    const progressOnly = legacyBody(JOB, "active");
    progressOnly.data.progress = 55;
    api.script([{ json: withDetails }, { json: progressOnly }, { json: legacyBody(JOB, "completed", { isCompleted: true }, 100) }]);
    const states: JobState[] = [];

    await clientFor(api, { maxRetries: 0 }).waitForJob(JOB, { intervalMs: 10, onProgress: (s) => states.push(s) });

    expect(states.map((s) => s.progress)).toEqual([42, 55, 100]);
  });

  test("operation shape: in_progress → failed → HostupJobFailedError with the job; 2 polls", async ({ api }) => {
    const failed = operationBody(JOB, "failed", { error: "registry unavailable" });
    api.script([{ json: operationBody(JOB, "in_progress") }, { json: failed }, { json: operationBody(JOB, "completed") }]);
    const states: JobState[] = [];

    const error = await rejectionOf(
      clientFor(api, { maxRetries: 0 }).waitForJob(JOB, { intervalMs: 10, onProgress: (s) => states.push(s) }),
    );

    expect(error).toBeInstanceOf(HostupJobFailedError);
    expect(error).toBeInstanceOf(HostupError);
    const job = (error as HostupJobFailedError).job;
    expect(job).toMatchObject({ jobId: JOB, status: "failed", result: { error: "registry unavailable" }, raw: failed });
    expect(error.message).toContain(JOB);
    expect((error as HostupJobFailedError).toJSON()).toMatchObject({ jobId: JOB, status: "failed" });
    expect(states.map((s) => s.status)).toEqual(["in_progress", "failed"]);
    expect(api.requests).toHaveLength(2);
  });

  test("legacy shape: isFailed: true → HostupJobFailedError with the job", async ({ api }) => {
    const failed = legacyBody(JOB, "mystery", { isFailed: true }, 60);
    api.script([
      { json: legacyBody(JOB, "active", {}, 30) },
      { json: failed },
      { json: legacyBody(JOB, "completed", { isCompleted: true }) },
    ]);

    const error = await rejectionOf(clientFor(api, { maxRetries: 0 }).waitForJob(JOB, { intervalMs: 10 }));

    expect(error).toBeInstanceOf(HostupJobFailedError);
    expect((error as HostupJobFailedError).job).toMatchObject({ jobId: JOB, status: "failed", progress: 60, raw: failed });
    expect(api.requests).toHaveLength(2);
  });

  test('legacy shape: state "failed" → HostupJobFailedError', async ({ api }) => {
    api.script([{ json: legacyBody(JOB, "failed") }]);
    const error = await rejectionOf(clientFor(api, { maxRetries: 0 }).waitForJob(JOB, { intervalMs: 10 }));
    expect(error).toBeInstanceOf(HostupJobFailedError);
    expect(api.requests).toHaveLength(1);
  });
});

// On a fake clock (../support/fake-clock.ts): every poll is asserted to the millisecond, and the waits
// take no real time. The clock's timers are global, so this block is not concurrent.
describe("waitForJob: deadline and cancellation (timing)", () => {
  test("always in_progress with maxWaitMs: 300 → HostupJobTimeoutError naming the wait and the last state, one last read at the deadline", async ({
    api,
    clock,
  }) => {
    serveJob(api, [operationBody(JOB, "in_progress")]);
    const states: JobState[] = [];
    const called = Date.now();
    const { ms, error } = await clock.settle(
      timed(() => clientAt(api).waitForJob(JOB, { intervalMs: 50, maxIntervalMs: 100, maxWaitMs: 300, onProgress: (s) => states.push(s) })),
    );

    expect(error).toBeInstanceOf(HostupJobTimeoutError);
    const timeout = error as HostupJobTimeoutError;
    expect(timeout.jobId).toBe(JOB);
    expect(timeout.waitedMs).toBe(300);
    expect(timeout.message).toContain("300 ms");
    expect(timeout.message).toContain("in_progress");
    expect(timeout.lastState).toMatchObject({ jobId: JOB, status: "in_progress" });
    expect(timeout.toJSON()).toMatchObject({ jobId: JOB, waitedMs: 300, lastStatus: "in_progress" });
    expect(ms).toBe(300);
    // Pauses of 50, 75 and 100 ms (capped), then one cut short to end at the deadline, where the last
    // poll reads: not a pause short of it, nor a pause after it.
    expect(api.requests.map((r) => r.at - called)).toEqual([0, 50, 125, 225, 300]);
    expect(states).toHaveLength(api.requests.length);
    expect(api.handlerErrors).toEqual([]);
  });

  test("a job that completes at the deadline is seen by the read at the deadline (not after one more full pause)", async ({
    api,
    clock,
  }) => {
    // Polls at 0 and 800 ms see in_progress; the next pause (1 200 ms) is cut to end at the 1 600 ms
    // deadline, where one more read sees completed. A full pause would read at 2 000 ms.
    api.handle(({ at }) => ({ json: operationBody(JOB, at - api.requests[0]!.at >= 1_300 ? "completed" : "in_progress") }));
    const { ms, value } = await clock.settle(
      timed(() => clientAt(api).waitForJob(JOB, { intervalMs: 800, maxIntervalMs: 5_000, maxWaitMs: 1_600 })),
    );

    expect(value?.status).toBe("completed");
    expect(api.requests.map((r) => r.at - api.requests[0]!.at)).toEqual([0, 800, 1_600]);
    expect(ms).toBe(1_600);
  });

  test("abort during the pause → HostupAbortError promptly, no further poll", async ({ api, clock }) => {
    serveJob(api, [operationBody(JOB, "in_progress")]);
    const controller = new AbortController();
    const { ms, error } = await clock.settle(
      timed(() =>
        clientAt(api).waitForJob(JOB, {
          intervalMs: 5_000,
          signal: controller.signal,
          onProgress: () => setTimeout(() => controller.abort(new Error("user left")), 50),
        }),
      ),
    );
    await clock.advance(10_000); // past the pause: the next poll must not go anyway

    expect(error).toBeInstanceOf(HostupAbortError);
    expect((error as HostupAbortError).cause).toEqual(new Error("user left"));
    expect(ms).toBe(50); // when the signal fired, not at the end of the 5 s pause
    expect(api.requests).toHaveLength(1);
  });

  test("abort during a poll request → HostupAbortError promptly", async ({ api, clock }) => {
    api.handle(() => ({ json: operationBody(JOB, "in_progress"), delayMs: 3_000 }));
    const controller = new AbortController();
    void api.requested(1).then(() => controller.abort());
    const { ms, error } = await clock.settle(
      timed(() => clientAt(api, { timeoutMs: 10_000 }).waitForJob(JOB, { intervalMs: 10, signal: controller.signal })),
    );

    expect(error).toBeInstanceOf(HostupAbortError);
    expect(ms).toBe(0); // at once, not when the 3 s answer came
    expect(api.requests).toHaveLength(1);
  });

  test("an already aborted signal → HostupAbortError, nothing sent", async ({ api, clock }) => {
    serveJob(api, [operationBody(JOB, "completed")]);
    const error = await clock.settle(rejectionOf(clientAt(api).waitForJob(JOB, { signal: AbortSignal.abort() })));
    expect(error).toBeInstanceOf(HostupAbortError);
    expect(api.requests).toHaveLength(0);
  });

  test("the pause starts at intervalMs and grows ×1.5 up to maxIntervalMs (50 → 75 → 112 → 169 → 200 → 200)", async ({ api, clock }) => {
    serveJob(api, [...Array(7).fill(operationBody(JOB, "in_progress")), operationBody(JOB, "completed")]);
    // The SDK's own pauses, measured at the fetch boundary: from one answer read to the next request.
    const calls: Array<{ start: number; end: number }> = [];
    const timedFetch: typeof fetch = async (input, init) => {
      const call = { start: performance.now(), end: Number.NaN };
      calls.push(call);
      const response = await api.fetch(input, init);
      const body = await response.text();
      call.end = performance.now();
      return new Response(body, { status: response.status, headers: response.headers });
    };
    await clock.settle(clientAt(api, { fetch: timedFetch }).waitForJob(JOB, { intervalMs: 50, maxIntervalMs: 200 }));

    expect(api.requests).toHaveLength(8);
    const expected = [50, 75, 112.5, 168.75, 200, 200, 200];
    const pauses = calls.slice(1).map((call, i) => call.start - calls[i]!.end);
    const arrivals = api.requests.slice(1).map((r, i) => r.at - api.requests[i]!.at);
    const show = JSON.stringify({ pauses, arrivals });
    // A timer runs in whole milliseconds: a pause of 112.5 ms takes 112 or 113.
    expected.forEach((want, i) => {
      expect(Math.abs(pauses[i]! - want), `pause ${i}: ${show}`).toBeLessThan(1);
      expect(Math.abs(arrivals[i]! - want), `arrival gap ${i}: ${show}`).toBeLessThan(1);
    });
  });
});

describe.concurrent("waitForJob: job references", () => {
  const forms: Array<{ what: string; ref: (url: string) => JobReference }> = [
    { what: "the job id", ref: () => JOB },
    { what: "a relative pollUrl", ref: () => JOB_PATH },
    { what: "a same-origin absolute pollUrl", ref: (url) => `${url}${JOB_PATH}` },
    { what: "an operation object", ref: () => ({ jobId: JOB, pollUrl: JOB_PATH }) },
    { what: "an object with only jobId", ref: () => ({ jobId: JOB }) },
    { what: "an object with only a same-origin absolute pollUrl", ref: (url) => ({ pollUrl: `${url}${JOB_PATH}` }) },
  ];
  for (const { what, ref } of forms) {
    test(`${what} → polls GET ${JOB_PATH}`, async ({ api }) => {
      serveJob(api, [operationBody(JOB, "completed", RESULT)]);
      const job = await clientAt(api).waitForJob(ref(api.url), { intervalMs: 10 });

      expect(job).toMatchObject({ jobId: JOB, status: "completed", result: RESULT });
      expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${JOB_PATH}`]);
      expect(api.requests[0]!.query).toEqual({});
      expect(api.handlerErrors).toEqual([]);
    });
  }

  const refused: Array<{ what: string; ref: (url: string) => JobReference }> = [
    { what: "another origin", ref: () => `http://evil.example${JOB_PATH}` },
    { what: "another port on the same host", ref: (url) => `${url.replace(/:\d+$/, ":1")}${JOB_PATH}` },
    { what: "another scheme", ref: (url) => `${url.replace(/^http:/, "https:")}${JOB_PATH}` },
    { what: "credentials that move the host", ref: (url) => `${url}@evil.example${JOB_PATH}` },
    { what: "a protocol-relative URL", ref: () => `//evil.example${JOB_PATH}` },
    { what: "an operation whose pollUrl is on another origin", ref: () => ({ jobId: JOB, pollUrl: `https://evil.example${JOB_PATH}` }) },
    { what: "another path", ref: () => `/api/v2/domains/${JOB}` },
    { what: "a sub-path of a job", ref: () => `${JOB_PATH}/cancel` },
    { what: "a pollUrl with a query", ref: () => `${JOB_PATH}?redirect=x` },
    { what: "a traversal", ref: () => `/api/jobs/../v2/domains` },
    { what: "an encoded traversal", ref: () => `/api/jobs/${JOB}%2F..%2F..%2Fv2%2Fdomains` },
    { what: "a same-origin absolute URL on another path", ref: (url) => `${url}/api/v2/domains/${JOB}` },
    { what: "an empty reference", ref: () => "" },
    { what: "an empty object", ref: () => ({}) },
    { what: "a malformed absolute pollUrl", ref: () => `http://[bad${JOB_PATH}` },
  ];
  for (const { what, ref } of refused) {
    test(`refused: ${what} → HostupValidationError, zero requests`, async ({ api }) => {
      serveJob(api, [operationBody(JOB, "completed")]);
      const error = await rejectionOf(clientAt(api).waitForJob(ref(api.url), { intervalMs: 10 }));

      expect(error).toBeInstanceOf(HostupValidationError);
      expect((error as HostupValidationError).operationId).toBe("getJob");
      expect(api.requests).toHaveLength(0);
    });
  }
});

describe.concurrent("bulkSyncDomainStatusAndWait", () => {
  test("queues the sync, then polls the returned job until completed → { operation, job }", async ({ api }) => {
    const ids = ["dom_aaa1", "dom_bbb2"];
    let polls = 0;
    api.handle(({ method, path }) => {
      if (method === "POST" && path === BULK_PATH) return { status: 202, json: accepted(JOB, 2) };
      if (method === "GET" && path === JOB_PATH) {
        polls++;
        return { json: operationBody(JOB, polls < 3 ? "in_progress" : "completed", RESULT) };
      }
      throw new Error(`unexpected ${method} ${path}`);
    });
    const states: JobState[] = [];

    const { operation, job } = await clientAt(api).bulkSyncDomainStatusAndWait(ids, { intervalMs: 10, onProgress: (s) => states.push(s) });

    expect(operation).toEqual(accepted(JOB, 2).operation);
    expect(job).toMatchObject({ jobId: JOB, status: "completed", result: RESULT });
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST ${BULK_PATH}`,
      `GET ${JOB_PATH}`,
      `GET ${JOB_PATH}`,
      `GET ${JOB_PATH}`,
    ]);
    expect(api.requests[0]!.json).toEqual({ domainIds: ids });
    expect(states.map((s) => s.status)).toEqual(["in_progress", "in_progress", "completed"]);
    expect(api.handlerErrors).toEqual([]);
  });

  test("the job fails → HostupJobFailedError", async ({ api }) => {
    api.handle(({ method }) => (method === "POST" ? { status: 202, json: accepted(JOB, 1) } : { json: operationBody(JOB, "failed") }));
    const error = await rejectionOf(clientAt(api).bulkSyncDomainStatusAndWait(["dom_aaa1"], { intervalMs: 10 }));
    expect(error).toBeInstanceOf(HostupJobFailedError);
    expect(api.requests).toHaveLength(2);
  });

  test("a 202 without an operation → HostupError, no poll", async ({ api }) => {
    api.handle(() => ({ status: 202, json: { domainsQueued: 1 } }));
    const error = await rejectionOf(clientAt(api).bulkSyncDomainStatusAndWait(["dom_aaa1"], { intervalMs: 10 }));
    expect(error).toBeInstanceOf(HostupError);
    expect(api.requests).toHaveLength(1);
  });
});
