import { describe, expect } from "vitest";
import { HostupAbortError, HostupConnectionError, HostupError, HostupTimeoutError, type LogRecord } from "../../src/index.js";
import {
  clientFor,
  DOMAIN_ID,
  DYNDNS_BODY,
  DYNDNS_CONFIG,
  failOnUnhandledRejections,
  problem,
  sleep,
  SYNC_RESULT,
  timed,
  test,
} from "./helpers.js";

failOnUnhandledRejections();
const ok = { status: 200, json: SYNC_RESULT };
const slow = { ...ok, delayMs: 1_500 };

describe.concurrent("timeouts", () => {
  test("a response slower than timeoutMs → HostupTimeoutError with timeoutMs, after about timeoutMs", async ({ api }) => {
    api.script([{ ...ok, delayMs: 4_000 }]);
    const { ms, error } = await timed(() => clientFor(api, { timeoutMs: 800, maxRetries: 0 }).syncDomainStatus(DOMAIN_ID));

    expect(error).toBeInstanceOf(HostupTimeoutError);
    expect(error).toBeInstanceOf(HostupConnectionError);
    const timeout = error as HostupTimeoutError;
    expect(timeout.name).toBe("HostupTimeoutError");
    expect(timeout.timeoutMs).toBe(800);
    expect(timeout.attempts).toBe(1);
    expect(timeout.message).toContain("800 ms");
    expect(timeout.toJSON()).toMatchObject({ name: "HostupTimeoutError", timeoutMs: 800, attempts: 1 });
    expect(ms).toBeGreaterThanOrEqual(790);
    expect(ms).toBeLessThan(3_500); // well before the 4 s answer
    expect(api.requests).toHaveLength(1);
  });

  test("a shorter per-call timeoutMs overrides the client's", async ({ api }) => {
    api.script([slow]);
    const hostup = clientFor(api, { timeoutMs: 5_000, maxRetries: 0 });
    const { ms, error } = await timed(() => hostup.syncDomainStatus(DOMAIN_ID, { timeoutMs: 200 }));

    expect(error).toBeInstanceOf(HostupTimeoutError);
    expect((error as HostupTimeoutError).timeoutMs).toBe(200);
    expect(ms).toBeGreaterThanOrEqual(190);
    expect(ms).toBeLessThan(3_000); // anything under the client's 5 s proves the override
  });

  test("a longer per-call timeoutMs overrides the client's", async ({ api }) => {
    api.script([{ ...ok, delayMs: 500 }]);
    const hostup = clientFor(api, { timeoutMs: 200, maxRetries: 0 });
    await expect(hostup.syncDomainStatus(DOMAIN_ID, { timeoutMs: 3_000 })).resolves.toEqual(SYNC_RESULT);
    expect(api.requests).toHaveLength(1);
  });

  test("timeouts are retried for retry-safe operations: maxRetries + 1 attempts, then HostupTimeoutError", async ({ api }) => {
    api.script([slow, slow, slow, ok]);
    const { ms, error } = await timed(() => clientFor(api, { timeoutMs: 200 }).syncDomainStatus(DOMAIN_ID));

    expect(error).toBeInstanceOf(HostupTimeoutError);
    expect((error as HostupTimeoutError).attempts).toBe(3);
    expect(api.requests).toHaveLength(3);
    // 3 × 200 ms timeouts + backoffs of at least 375 ms and 750 ms.
    expect(ms).toBeGreaterThanOrEqual(3 * 190 + 1_125);
    expect(ms).toBeLessThan(6_000);
  });

  test("a timeout followed by a quick answer resolves with the data", async ({ api }) => {
    api.script([slow, ok]);
    await expect(clientFor(api, { timeoutMs: 200 }).syncDomainStatus(DOMAIN_ID)).resolves.toEqual(SYNC_RESULT);
    expect(api.requests).toHaveLength(2);
  });

  test("createDynDnsConfig is not retried after a timeout", async ({ api }) => {
    api.script([
      { status: 201, json: DYNDNS_CONFIG, delayMs: 1_500 },
      { status: 201, json: DYNDNS_CONFIG },
    ]);
    const error = await timed(() => clientFor(api, { timeoutMs: 200 }).createDynDnsConfig(DOMAIN_ID, DYNDNS_BODY)).then((r) => r.error);

    expect(error).toBeInstanceOf(HostupTimeoutError);
    expect((error as HostupTimeoutError).attempts).toBe(1);
    await sleep(700); // longer than the first backoff: a retry would have arrived by now
    expect(api.requests).toHaveLength(1);
  });
});

describe.concurrent("AbortSignal", () => {
  test("aborting during a request → HostupAbortError whose cause is the signal's reason, promptly", async ({ api }) => {
    api.script([{ ...ok, delayMs: 3_000 }, ok]);
    const controller = new AbortController();
    const reason = new Error("the user navigated away");
    // Abort once the request is out (a fixed delay could fire first on a busy machine).
    void api.requested(1).then(() => controller.abort(reason));
    const { ms, error } = await timed(() => clientFor(api).syncDomainStatus(DOMAIN_ID, { signal: controller.signal }));

    expect(error).toBeInstanceOf(HostupAbortError);
    expect(error).toBeInstanceOf(HostupError);
    expect(error).not.toBeInstanceOf(HostupConnectionError);
    expect(error!.cause).toBe(reason);
    expect(ms).toBeLessThan(2_000); // far below the answer's 3 s delay
    await sleep(600); // an abort must not be retried like a lost connection
    expect(api.requests).toHaveLength(1);
  });

  test.for([
    ["createDynDnsConfig (not retry-safe)", { maxRetries: 2 }],
    ["syncDomainStatus with maxRetries: 0", { maxRetries: 0 }],
  ] as const)("aborting %s → HostupAbortError, not a connection error", async ([name, options], { api }) => {
    const isDynDns = name.startsWith("createDynDnsConfig");
    api.script([{ status: isDynDns ? 201 : 200, json: isDynDns ? DYNDNS_CONFIG : SYNC_RESULT, delayMs: 3_000 }]);
    const controller = new AbortController();
    const reason = new Error("abandoned");
    // Abort once the request is out (a fixed delay could fire first on a busy machine).
    void api.requested(1).then(() => controller.abort(reason));
    const hostup = clientFor(api);
    const { error } = await timed<unknown>(() =>
      isDynDns
        ? hostup.createDynDnsConfig(DOMAIN_ID, DYNDNS_BODY, { ...options, signal: controller.signal })
        : hostup.syncDomainStatus(DOMAIN_ID, { ...options, signal: controller.signal }),
    );

    expect(error).toBeInstanceOf(HostupAbortError);
    expect(error).not.toBeInstanceOf(HostupConnectionError);
    expect(error!.cause).toBe(reason);
    expect(api.requests).toHaveLength(1);
  });

  test("abort() without a reason → cause is the signal's default AbortError", async ({ api }) => {
    api.script([{ ...ok, delayMs: 3_000 }]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const { error } = await timed(() => clientFor(api).syncDomainStatus(DOMAIN_ID, { signal: controller.signal }));

    expect(error).toBeInstanceOf(HostupAbortError);
    expect(error!.cause).toBe(controller.signal.reason);
    expect((error!.cause as Error).name).toBe("AbortError");
  });

  test("aborting during a backoff sleep stops at once, with no further attempt", async ({ api }) => {
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
    const { ms, error } = await timed(() => hostup.syncDomainStatus(DOMAIN_ID, { signal: controller.signal }));

    expect(error).toBeInstanceOf(HostupAbortError);
    expect(error!.cause).toBe(reason);
    expect(records).toHaveLength(1);
    expect(records[0]!.retryInMs).toBeGreaterThanOrEqual(375);
    expect(ms).toBeLessThan(300); // far below the ≥ 375 ms backoff
    await sleep(700); // past the backoff: the retry must not happen anyway
    expect(api.requests).toHaveLength(1);
  });

  test("aborting during a Retry-After sleep stops at once, with no further attempt", async ({ api }) => {
    api.script([{ status: 429, headers: { "retry-after": "1" }, problem: problem(429, "rate_limit_exceeded") }, ok]);
    const controller = new AbortController();
    const reason = new Error("cancelled");
    const hostup = clientFor(api, {
      logger: (record) => {
        if (record.retryInMs !== undefined) setTimeout(() => controller.abort(reason), 30);
      },
    });
    const { ms, error } = await timed(() => hostup.syncDomainStatus(DOMAIN_ID, { signal: controller.signal }));

    expect(error).toBeInstanceOf(HostupAbortError);
    expect(error!.cause).toBe(reason);
    expect(ms).toBeLessThan(800); // below the 1 s Retry-After
    await sleep(1_200 - ms);
    expect(api.requests).toHaveLength(1);
  });

  test("an already-aborted signal sends nothing", async ({ api }) => {
    api.script([ok]);
    const reason = new Error("too late");
    const { ms, error } = await timed(() => clientFor(api).syncDomainStatus(DOMAIN_ID, { signal: AbortSignal.abort(reason) }));

    expect(error).toBeInstanceOf(HostupAbortError);
    expect(error!.cause).toBe(reason);
    expect(ms).toBeLessThan(1_000);
    await sleep(50);
    expect(api.requests).toHaveLength(0);
  });

  test("an already-aborted signal on hostup.raw sends nothing either", async ({ api }) => {
    api.script([ok]);
    const reason = new Error("too late");
    const { error } = await timed(() =>
      clientFor(api).raw.POST("/api/v2/domains/{id}/actions/status-sync", {
        params: { path: { id: DOMAIN_ID } },
        signal: AbortSignal.abort(reason),
      }),
    );

    expect(error).toBeInstanceOf(HostupAbortError);
    expect(error!.cause).toBe(reason);
    await sleep(50);
    expect(api.requests).toHaveLength(0);
  });
});
