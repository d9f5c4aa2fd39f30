import { describe, expect } from "vitest";
import { HostupAbortError, HostupConnectionError, HostupError, HostupTimeoutError, type LogRecord } from "../../src/index.js";
import {
  clientFor,
  DOMAIN_ID,
  DYNDNS_BODY,
  DYNDNS_CONFIG,
  failOnUnhandledRejections,
  problem,
  rejectionOf,
  SYNC_RESULT,
  timed,
  test,
} from "./helpers.js";

failOnUnhandledRejections();
const ok = { status: 200, json: SYNC_RESULT };
const slow = { ...ok, delayMs: 1_500 };
/** Longer than any backoff or Retry-After here: a retry that was going to come has come by then. */
const LATER_MS = 10_000;

// Timeouts, answers' delays and aborts run on a fake clock (../support/fake-clock.ts): each wait is
// asserted to the millisecond and takes no real time. The clock's timers are global, so these blocks
// are not concurrent.
describe("timeouts", () => {
  test("a response slower than timeoutMs → HostupTimeoutError with timeoutMs, after timeoutMs", async ({ api, clock }) => {
    api.script([{ ...ok, delayMs: 4_000 }]);
    const { ms, error } = await clock.settle(timed(() => clientFor(api, { timeoutMs: 800, maxRetries: 0 }).syncDomainStatus(DOMAIN_ID)));

    expect(error).toBeInstanceOf(HostupTimeoutError);
    expect(error).toBeInstanceOf(HostupConnectionError);
    const timeout = error as HostupTimeoutError;
    expect(timeout.name).toBe("HostupTimeoutError");
    expect(timeout.timeoutMs).toBe(800);
    expect(timeout.attempts).toBe(1);
    expect(timeout.message).toContain("800 ms");
    expect(timeout.toJSON()).toMatchObject({ name: "HostupTimeoutError", timeoutMs: 800, attempts: 1 });
    expect(ms).toBe(800); // not a moment before, and well before the 4 s answer
    expect(api.requests).toHaveLength(1);
  });

  test("a shorter per-call timeoutMs overrides the client's", async ({ api, clock }) => {
    api.script([slow]);
    const hostup = clientFor(api, { timeoutMs: 5_000, maxRetries: 0 });
    const { ms, error } = await clock.settle(timed(() => hostup.syncDomainStatus(DOMAIN_ID, { timeoutMs: 200 })));

    expect(error).toBeInstanceOf(HostupTimeoutError);
    expect((error as HostupTimeoutError).timeoutMs).toBe(200);
    expect(ms).toBe(200);
  });

  test("a longer per-call timeoutMs overrides the client's", async ({ api, clock }) => {
    api.script([{ ...ok, delayMs: 500 }]);
    const hostup = clientFor(api, { timeoutMs: 200, maxRetries: 0 });
    const { ms, value } = await clock.settle(timed(() => hostup.syncDomainStatus(DOMAIN_ID, { timeoutMs: 3_000 })));
    expect(value).toEqual(SYNC_RESULT);
    expect(ms).toBe(500);
    expect(api.requests).toHaveLength(1);
  });

  test("timeouts are retried for retry-safe operations: maxRetries + 1 attempts, then HostupTimeoutError", async ({ api, clock }) => {
    api.script([slow, slow, slow, ok]);
    const { ms, error } = await clock.settle(timed(() => clientFor(api, { timeoutMs: 200 }).syncDomainStatus(DOMAIN_ID)));

    expect(error).toBeInstanceOf(HostupTimeoutError);
    expect((error as HostupTimeoutError).attempts).toBe(3);
    expect(api.requests).toHaveLength(3);
    // 3 × 200 ms timeouts + backoffs of 375–500 ms and 750–1 000 ms.
    expect(ms).toBeGreaterThanOrEqual(3 * 200 + 1_125);
    expect(ms).toBeLessThanOrEqual(3 * 200 + 1_500);
  });

  test("a timeout followed by a quick answer resolves with the data", async ({ api, clock }) => {
    api.script([slow, ok]);
    await expect(clock.settle(clientFor(api, { timeoutMs: 200 }).syncDomainStatus(DOMAIN_ID))).resolves.toEqual(SYNC_RESULT);
    expect(api.requests).toHaveLength(2);
  });

  test("createDynDnsConfig is not retried after a timeout", async ({ api, clock }) => {
    api.script([
      { status: 201, json: DYNDNS_CONFIG, delayMs: 1_500 },
      { status: 201, json: DYNDNS_CONFIG },
    ]);
    const error = await clock.settle(rejectionOf(clientFor(api, { timeoutMs: 200 }).createDynDnsConfig(DOMAIN_ID, DYNDNS_BODY)));

    expect(error).toBeInstanceOf(HostupTimeoutError);
    expect((error as HostupTimeoutError).attempts).toBe(1);
    await clock.advance(LATER_MS); // a retry would have been sent by now
    expect(api.requests).toHaveLength(1);
  });
});

describe("AbortSignal", () => {
  test("aborting during a request → HostupAbortError whose cause is the signal's reason, promptly", async ({ api, clock }) => {
    api.script([{ ...ok, delayMs: 3_000 }, ok]);
    const controller = new AbortController();
    const reason = new Error("the user navigated away");
    // Abort once the request is out (a fixed delay could fire first on a busy machine).
    void api.requested(1).then(() => controller.abort(reason));
    const { ms, error } = await clock.settle(timed(() => clientFor(api).syncDomainStatus(DOMAIN_ID, { signal: controller.signal })));

    expect(error).toBeInstanceOf(HostupAbortError);
    expect(error).toBeInstanceOf(HostupError);
    expect(error).not.toBeInstanceOf(HostupConnectionError);
    expect(error!.cause).toBe(reason);
    expect(ms).toBe(0); // at once: not at the answer's 3 s delay, nor at the 2 s timeout
    await clock.advance(LATER_MS); // an abort must not be retried like a lost connection
    expect(api.requests).toHaveLength(1);
  });

  test.for([
    ["createDynDnsConfig (not retry-safe)", { maxRetries: 2 }],
    ["syncDomainStatus with maxRetries: 0", { maxRetries: 0 }],
  ] as const)("aborting %s → HostupAbortError, not a connection error", async ([name, options], { api, clock }) => {
    const isDynDns = name.startsWith("createDynDnsConfig");
    api.script([{ status: isDynDns ? 201 : 200, json: isDynDns ? DYNDNS_CONFIG : SYNC_RESULT, delayMs: 3_000 }]);
    const controller = new AbortController();
    const reason = new Error("abandoned");
    // Abort once the request is out (a fixed delay could fire first on a busy machine).
    void api.requested(1).then(() => controller.abort(reason));
    const hostup = clientFor(api);
    const { error } = await clock.settle(
      timed<unknown>(() =>
        isDynDns
          ? hostup.createDynDnsConfig(DOMAIN_ID, DYNDNS_BODY, { ...options, signal: controller.signal })
          : hostup.syncDomainStatus(DOMAIN_ID, { ...options, signal: controller.signal }),
      ),
    );

    expect(error).toBeInstanceOf(HostupAbortError);
    expect(error).not.toBeInstanceOf(HostupConnectionError);
    expect(error!.cause).toBe(reason);
    expect(api.requests).toHaveLength(1);
  });

  test("abort() without a reason → cause is the signal's default AbortError", async ({ api, clock }) => {
    api.script([{ ...ok, delayMs: 3_000 }]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const { error } = await clock.settle(timed(() => clientFor(api).syncDomainStatus(DOMAIN_ID, { signal: controller.signal })));

    expect(error).toBeInstanceOf(HostupAbortError);
    expect(error!.cause).toBe(controller.signal.reason);
    expect((error!.cause as Error).name).toBe("AbortError");
  });

  test("aborting during a backoff sleep stops at once, with no further attempt", async ({ api, clock }) => {
    api.script([{ status: 503, problem: problem(503, "service_unavailable") }, ok]);
    const controller = new AbortController();
    const reason = new Error("shutting down");
    const records: LogRecord[] = [];
    const hostup = clientFor(api, {
      logger: (record) => {
        records.push(record);
        if (record.retryInMs !== undefined) setTimeout(() => controller.abort(reason), 30);
      },
    });
    const { ms, error } = await clock.settle(timed(() => hostup.syncDomainStatus(DOMAIN_ID, { signal: controller.signal })));

    expect(error).toBeInstanceOf(HostupAbortError);
    expect(error!.cause).toBe(reason);
    expect(records).toHaveLength(1);
    expect(records[0]!.retryInMs).toBeGreaterThanOrEqual(375);
    expect(ms).toBe(30); // when the signal fired, not at the end of the ≥ 375 ms backoff
    await clock.advance(LATER_MS); // past the backoff: the retry must not happen anyway
    expect(api.requests).toHaveLength(1);
  });

  test("aborting during a Retry-After sleep stops at once, with no further attempt", async ({ api, clock }) => {
    api.script([{ status: 429, headers: { "retry-after": "1" }, problem: problem(429, "rate_limit_exceeded") }, ok]);
    const controller = new AbortController();
    const reason = new Error("cancelled");
    const hostup = clientFor(api, {
      logger: (record) => {
        if (record.retryInMs !== undefined) setTimeout(() => controller.abort(reason), 30);
      },
    });
    const { ms, error } = await clock.settle(timed(() => hostup.syncDomainStatus(DOMAIN_ID, { signal: controller.signal })));

    expect(error).toBeInstanceOf(HostupAbortError);
    expect(error!.cause).toBe(reason);
    expect(ms).toBe(30); // when the signal fired, not after the 1 s Retry-After
    await clock.advance(LATER_MS);
    expect(api.requests).toHaveLength(1);
  });

  test("an already-aborted signal sends nothing", async ({ api, clock }) => {
    api.script([ok]);
    const reason = new Error("too late");
    const { ms, error } = await clock.settle(
      timed(() => clientFor(api).syncDomainStatus(DOMAIN_ID, { signal: AbortSignal.abort(reason) })),
    );

    expect(error).toBeInstanceOf(HostupAbortError);
    expect(error!.cause).toBe(reason);
    expect(ms).toBe(0);
    await clock.advance(LATER_MS);
    expect(api.requests).toHaveLength(0);
  });

  test("an already-aborted signal on hostup.raw sends nothing either", async ({ api, clock }) => {
    api.script([ok]);
    const reason = new Error("too late");
    const { error } = await clock.settle(
      timed(() =>
        clientFor(api).raw.POST("/api/v2/domains/{id}/actions/status-sync", {
          params: { path: { id: DOMAIN_ID } },
          signal: AbortSignal.abort(reason),
        }),
      ),
    );

    expect(error).toBeInstanceOf(HostupAbortError);
    expect(error!.cause).toBe(reason);
    await clock.advance(LATER_MS);
    expect(api.requests).toHaveLength(0);
  });
});
