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

describe.concurrent("pacing on X-RateLimit-Remaining: 0", () => {
  test("the next call waits for X-RateLimit-Reset before it sends (no 429 spent), and the log says so", async ({ api }) => {
    const records: LogRecord[] = [];
    const hostup = clientFor(api, { logger: (record) => records.push(record) });
    const answer = exhausted(700);
    const resetAt = Date.parse(answer.headers["x-ratelimit-reset"]);
    api.script([answer, ok]);

    await hostup.syncDomainStatus(DOMAIN_ID);
    const second = Date.now();
    await expect(hostup.syncDomainStatus(DOMAIN_ID)).resolves.toEqual(SYNC_RESULT);

    expect(api.requests).toHaveLength(2);
    expect(api.requests[1]!.at).toBeGreaterThanOrEqual(resetAt - 20);
    expect(api.gapsMs()[0]).toBeLessThan(3_000);
    expect(records[0]!.pausedMs).toBeUndefined();
    expect(records[1]!.pausedMs).toBeGreaterThanOrEqual(resetAt - second - 20);
    expect(records[1]!.status).toBe(200);
    expect(formatLogRecord(records[1]!)).toMatch(/\(attempt 1\/3, sent after a \d+ ms rate-limit pause\)$/);
  });

  test("the window's Limit is shared out: after the reset, only that many calls go; the rest wait for the next reset", async ({ api }) => {
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
    api.script([first, ...Array.from({ length: 6 }, () => window(reset1 - Date.now() + 600))]);
    await hostup.syncDomainStatus(DOMAIN_ID);

    await Promise.all(Array.from({ length: 6 }, () => hostup.syncDomainStatus(DOMAIN_ID)));

    const arrivals = api.requests.slice(1).map((r) => r.at);
    expect(arrivals).toHaveLength(6);
    // Three after the first reset, then (the answers saying the new window is used up) three after the next.
    for (const at of arrivals.slice(0, 3)) expect(at).toBeGreaterThanOrEqual(reset1 - 20);
    for (const at of arrivals.slice(3)) expect(at).toBeGreaterThanOrEqual(reset1 + 600 - 20);
    expect(api.unscripted).toBe(0);
  });

  test("a call with maxRetries: 0 is not held: it goes at once (the caller asked to hear about a 429 at once)", async ({ api }) => {
    const hostup = clientFor(api);
    api.script([exhausted(5_000), ok]);

    await hostup.syncDomainStatus(DOMAIN_ID);
    const { ms, error } = await timed(() => hostup.syncDomainStatus(DOMAIN_ID, { maxRetries: 0 }));

    expect(error).toBeUndefined();
    expect(ms).toBeLessThan(1_000);
    expect(api.requests).toHaveLength(2);
  });

  test("a reset further away than maxRetryWaitMs is not waited for", async ({ api }) => {
    const hostup = clientFor(api, { maxRetryWaitMs: 1_000 });
    api.script([exhausted(30_000), ok]);

    await hostup.syncDomainStatus(DOMAIN_ID);
    const { ms, error } = await timed(() => hostup.syncDomainStatus(DOMAIN_ID));

    expect(error).toBeUndefined();
    expect(ms).toBeLessThan(1_000);
  });

  test("remaining above 0, or a reset in the past, holds nothing", async ({ api }) => {
    const hostup = clientFor(api);
    api.script([
      { ...exhausted(5_000), headers: { ...exhausted(5_000).headers, "x-ratelimit-remaining": "1" } },
      { ...exhausted(-5_000) },
      ok,
    ]);

    const { ms } = await timed(async () => {
      for (let i = 0; i < 3; i++) await hostup.syncDomainStatus(DOMAIN_ID);
    });

    expect(ms).toBeLessThan(1_500);
    expect(api.requests).toHaveLength(3);
  });

  test("an AbortSignal ends a held call at once, with nothing sent", async ({ api }) => {
    const hostup = clientFor(api);
    api.script([exhausted(5_000), ok]);
    await hostup.syncDomainStatus(DOMAIN_ID);

    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("stop")), 200);
    const { ms, error } = await timed(() => hostup.syncDomainStatus(DOMAIN_ID, { signal: controller.signal }));

    expect(error).toBeInstanceOf(HostupAbortError);
    expect(ms).toBeLessThan(1_500);
    expect(api.requests).toHaveLength(1);
  });

  test("the pause belongs to one client: another client is not held", async ({ api }) => {
    api.script([exhausted(5_000), ok]);
    await clientFor(api).syncDomainStatus(DOMAIN_ID);
    const { ms } = await timed(() => clientFor(api).syncDomainStatus(DOMAIN_ID));
    expect(ms).toBeLessThan(1_000);
  });
});

describe.concurrent("pacing on a 429", () => {
  test("a 429's Retry-After holds the client's other calls too: a call started meanwhile sends after it", async ({ api }) => {
    let retrying!: () => void;
    const limited = new Promise<void>((resolve) => (retrying = resolve));
    const hostup = clientFor(api, { logger: (record) => record.retryInMs !== undefined && retrying() });
    api.script([{ status: 429, headers: { "retry-after": "1" }, problem: problem(429, "rate_limit_exceeded") }, ok, ok]);

    const first = hostup.syncDomainStatus(DOMAIN_ID);
    // Once the 429 is in (its attempt logged, its retry scheduled), start a second call while the first waits.
    await limited;
    const second = hostup.syncDomainStatus(DOMAIN_ID);
    await expect(Promise.all([first, second])).resolves.toEqual([SYNC_RESULT, SYNC_RESULT]);

    expect(api.requests).toHaveLength(3);
    // Both later requests went after the 1 s the API asked for, none in between.
    expect(api.requests[1]!.at - api.requests[0]!.at).toBeGreaterThanOrEqual(950);
    expect(api.requests[2]!.at - api.requests[0]!.at).toBeGreaterThanOrEqual(950);
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
  test("gets a single abort listener however many calls are in flight or waiting (Node warns past 10)", async ({ api }) => {
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
      await expect(Promise.all(calls)).resolves.toHaveLength(20);
      await new Promise((resolve) => setTimeout(resolve, 20));
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
