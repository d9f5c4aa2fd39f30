// Client-side pacing: when the API says its rate-limit window is used up, the client holds new
// attempts until the window resets, instead of spending requests (and attempts) on certain 429s.
import { getEventListeners } from "node:events";
import { describe, expect } from "vitest";
import { formatLogRecord, HostupAbortError, HostupRateLimitError, type LogRecord } from "../../src/index.js";
import { clientFor, DOMAIN_ID, failOnUnhandledRejections, problem, rejectionOf, SYNC_RESULT, test, timed } from "./helpers.js";

failOnUnhandledRejections();

const exhausted = (resetInMs: number) => ({
  status: 200,
  json: SYNC_RESULT,
  headers: { "x-ratelimit-limit": "20", "x-ratelimit-remaining": "0", "x-ratelimit-reset": new Date(Date.now() + resetInMs).toISOString() },
});
const ok = { status: 200, json: SYNC_RESULT };

// The holds run on a fake clock (../support/fake-clock.ts): each is asserted to the millisecond and takes
// no real time. The clock's timers are global, so these blocks are not concurrent.
describe("pacing on X-RateLimit-Remaining: 0", () => {
  test("the next call waits for X-RateLimit-Reset before it sends (no 429 spent), and the log says so", async ({ api, clock }) => {
    const records: LogRecord[] = [];
    const hostup = clientFor(api, { logger: (record) => records.push(record) });
    const answer = exhausted(700);
    const resetAt = Date.parse(answer.headers["x-ratelimit-reset"]);
    api.script([answer, ok]);

    await clock.settle(hostup.syncDomainStatus(DOMAIN_ID));
    const second = Date.now();
    await expect(clock.settle(hostup.syncDomainStatus(DOMAIN_ID))).resolves.toEqual(SYNC_RESULT);

    expect(api.requests).toHaveLength(2);
    expect(api.requests[1]!.at).toBe(resetAt); // at the reset, not before it nor later
    expect(records[0]!.pausedMs).toBeUndefined();
    expect(records[1]!.pausedMs).toBe(resetAt - second);
    expect(records[1]!.status).toBe(200);
    expect(formatLogRecord(records[1]!)).toMatch(/\(attempt 1\/3, sent after a \d+ ms rate-limit pause\)$/);
  });

  test("the window's Limit is shared out: after the reset, only that many calls go; the rest wait for the next reset", async ({
    api,
    clock,
  }) => {
    const hostup = clientFor(api);
    const window = (resetInMs: number) => ({
      status: 200,
      json: SYNC_RESULT,
      headers: {
        "x-ratelimit-limit": "3",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": new Date(Date.now() + resetInMs).toISOString(),
      },
    });
    const first = window(400);
    const reset1 = Date.parse(first.headers["x-ratelimit-reset"]);
    // Each answer takes a moment, as over a network (on the fake clock an instant answer would come back
    // before the next call woke at the same reset, and say the window was used up already).
    api.script([first, ...Array.from({ length: 6 }, () => ({ ...window(reset1 - Date.now() + 600), delayMs: 50 }))]);
    await clock.settle(hostup.syncDomainStatus(DOMAIN_ID));

    await clock.settle(Promise.all(Array.from({ length: 6 }, () => hostup.syncDomainStatus(DOMAIN_ID))));

    const arrivals = api.requests.slice(1).map((r) => r.at);
    // Three at the first reset, then (the answers saying the new window is used up) three at the next.
    expect(arrivals).toEqual([reset1, reset1, reset1, reset1 + 600, reset1 + 600, reset1 + 600]);
    expect(api.unscripted).toBe(0);
  });

  test("a call with maxRetries: 0 is not held: it goes at once (the caller asked to hear about a 429 at once)", async ({ api, clock }) => {
    const hostup = clientFor(api);
    api.script([exhausted(5_000), ok]);

    await clock.settle(hostup.syncDomainStatus(DOMAIN_ID));
    const { ms, error } = await clock.settle(timed(() => hostup.syncDomainStatus(DOMAIN_ID, { maxRetries: 0 })));

    expect(error).toBeUndefined();
    expect(ms).toBe(0);
    expect(api.requests).toHaveLength(2);
  });

  test("a reset further away than maxRetryWaitMs is not waited for", async ({ api, clock }) => {
    const hostup = clientFor(api, { maxRetryWaitMs: 1_000 });
    api.script([exhausted(30_000), ok]);

    await clock.settle(hostup.syncDomainStatus(DOMAIN_ID));
    const { ms, error } = await clock.settle(timed(() => hostup.syncDomainStatus(DOMAIN_ID)));

    expect(error).toBeUndefined();
    expect(ms).toBe(0);
  });

  test("remaining above 0, or a reset in the past, holds nothing", async ({ api, clock }) => {
    const hostup = clientFor(api);
    api.script([
      { ...exhausted(5_000), headers: { ...exhausted(5_000).headers, "x-ratelimit-remaining": "1" } },
      { ...exhausted(-5_000) },
      ok,
    ]);

    const { ms } = await clock.settle(
      timed(async () => {
        for (let i = 0; i < 3; i++) await hostup.syncDomainStatus(DOMAIN_ID);
      }),
    );

    expect(ms).toBe(0);
    expect(api.requests).toHaveLength(3);
  });

  test("an AbortSignal ends a held call at once, with nothing sent", async ({ api, clock }) => {
    const hostup = clientFor(api);
    api.script([exhausted(5_000), ok]);
    await clock.settle(hostup.syncDomainStatus(DOMAIN_ID));

    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("stop")), 200);
    const { ms, error } = await clock.settle(timed(() => hostup.syncDomainStatus(DOMAIN_ID, { signal: controller.signal })));

    expect(error).toBeInstanceOf(HostupAbortError);
    expect(ms).toBe(200); // when the signal fired, not at the reset 5 s away
    await clock.advance(10_000); // past the reset: the held call must not go anyway
    expect(api.requests).toHaveLength(1);
  });

  test("the pause belongs to one client: another client is not held", async ({ api, clock }) => {
    api.script([exhausted(5_000), ok]);
    await clock.settle(clientFor(api).syncDomainStatus(DOMAIN_ID));
    const { ms } = await clock.settle(timed(() => clientFor(api).syncDomainStatus(DOMAIN_ID)));
    expect(ms).toBe(0);
  });
});

describe("pacing on a 429", () => {
  test("a 429's Retry-After holds the client's other calls too: a call started meanwhile sends after it", async ({ api, clock }) => {
    let retrying!: () => void;
    const limited = new Promise<void>((resolve) => (retrying = resolve));
    const hostup = clientFor(api, { logger: (record) => record.retryInMs !== undefined && retrying() });
    api.script([{ status: 429, headers: { "retry-after": "1" }, problem: problem(429, "rate_limit_exceeded") }, ok, ok]);

    const first = hostup.syncDomainStatus(DOMAIN_ID);
    // Once the 429 is in (its attempt logged, its retry scheduled), start a second call while the first waits.
    await limited;
    const second = hostup.syncDomainStatus(DOMAIN_ID);
    await expect(clock.settle(Promise.all([first, second]))).resolves.toEqual([SYNC_RESULT, SYNC_RESULT]);

    expect(api.requests).toHaveLength(3);
    // Both later requests went when the 1 s the API asked for was over, none in between.
    expect(api.requests[1]!.at - api.requests[0]!.at).toBe(1_000);
    expect(api.requests[2]!.at - api.requests[0]!.at).toBe(1_000);
  });

  test("429s still count as attempts: with every answer a 429, maxRetries + 1 attempts, then HostupRateLimitError", async ({ api }) => {
    const limited = {
      status: 429,
      headers: { "retry-after": "0", "x-ratelimit-remaining": "0" },
      problem: problem(429, "rate_limit_exceeded"),
    };
    api.script([limited, limited, limited, ok]);
    const error = await rejectionOf(clientFor(api).syncDomainStatus(DOMAIN_ID));
    expect(error).toBeInstanceOf(HostupRateLimitError);
    expect(api.requests).toHaveLength(3);
  });
});

describe("one AbortSignal shared by many calls", () => {
  test("gets a single abort listener however many calls are in flight or waiting (Node warns past 10)", async ({ api, clock }) => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => void warnings.push(warning);
    process.on("warning", onWarning);
    try {
      const hostup = clientFor(api);
      api.script(Array.from({ length: 20 }, () => ({ ...ok, delayMs: 300 })));
      const controller = new AbortController();
      const calls = Array.from({ length: 20 }, () => hostup.syncDomainStatus(DOMAIN_ID, { signal: controller.signal }));
      await api.requested(20);

      expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
      await expect(clock.settle(Promise.all(calls))).resolves.toHaveLength(20);
      await new Promise((resolve) => setImmediate(resolve)); // Node emits a warning on the next tick
      expect(warnings.filter((w) => w.name === "MaxListenersExceededWarning")).toEqual([]);
    } finally {
      process.off("warning", onWarning);
    }
  });

  test("aborting it still ends every one of those calls with HostupAbortError", async ({ api }) => {
    const hostup = clientFor(api);
    api.script(Array.from({ length: 12 }, () => ({ ...ok, delayMs: 2_000 })));
    const controller = new AbortController();
    const calls = Array.from({ length: 12 }, () => rejectionOf(hostup.syncDomainStatus(DOMAIN_ID, { signal: controller.signal })));
    await api.requested(12);
    controller.abort(new Error("enough"));

    const errors = await Promise.all(calls);
    for (const error of errors) expect(error).toBeInstanceOf(HostupAbortError);
  });
});
