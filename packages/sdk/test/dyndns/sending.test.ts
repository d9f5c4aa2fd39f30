// How updateDynDns sends: the URL and headers (no Authorization, text/plain Accept, the SDK's
// User-Agent in Node), and the transport's behaviour for an update that is not safe to repeat:
// only a 429 is retried, after its Retry-After; timeouts, lost connections and aborts end the call.
import { describe, expect } from "vitest";
import packageJson from "../../package.json" with { type: "json" };
import {
  HostupAbortError,
  HostupConnectionError,
  HostupRateLimitError,
  HostupServerError,
  HostupTimeoutError,
  type LogRecord,
  updateDynDns,
} from "../../src/index.js";
import { expectNoSecrets, failOnUnhandledRejections, problem, rejectionOf, test, timed, TOKEN } from "../runtime/helpers.js";
import { dyndns, expectOneUpdate, HOSTNAME, IP, update, UPDATE_PATH } from "./support.js";

failOnUnhandledRejections();

const rateLimited = (retryAfter: string) => ({
  status: 429,
  headers: { "retry-after": retryAfter },
  problem: problem(429, "rate_limit_exceeded"),
});

describe.concurrent("the request", () => {
  test("GET /api/dyndns/update with hostname, token and ip in the query", async ({ api }) => {
    api.script([dyndns(`good ${IP}`)]);
    await update(api, { ip: IP });

    expectOneUpdate(api);
    expect(api.requests[0]!.query).toEqual({ hostname: HOSTNAME, token: TOKEN, ip: IP });
    expect(api.requests[0]!.body).toBe("");
  });

  test("without `ip` there is no ip parameter (the server uses the request's address)", async ({ api }) => {
    api.script([dyndns(`nochg ${IP}`)]);
    await update(api);
    expect(api.requests[0]!.query).toEqual({ hostname: HOSTNAME, token: TOKEN });
  });

  test("a token with URL characters arrives as it was given; a baseUrl's path prefix is kept", async ({ api }) => {
    api.script([dyndns(`good ${IP}`)]);
    const token = "a+b/c=d&e%f?g#h";
    await update(api, { token }, { baseUrl: `${api.url}/proxy/` });
    expect(api.requests[0]!.path).toBe(`/proxy${UPDATE_PATH}`);
    expect(api.requests[0]!.query.token).toBe(token);
  });

  test("no Authorization header when no option mentions one; Accept asks for text or Problem Details", async ({ api }) => {
    api.script([dyndns(`good ${IP}`)]);
    await update(api);
    const { headers } = api.requests[0]!;
    expect(headers.get("authorization")).toBeNull();
    expect(headers.get("accept")).toBe("text/plain, application/problem+json");
    expect(headers.get("content-type")).toBeNull();
    const names: string[] = [];
    headers.forEach((_value, name) => void names.push(name));
    expect(names.sort()).toEqual(["accept", "user-agent"]);
  });

  test("outside a browser the SDK names itself and the runtime in the User-Agent, followed by the caller's product tokens", async ({
    api,
  }) => {
    api.script([dyndns(`good ${IP}`), dyndns(`good ${IP}`)]);
    await update(api);
    await update(api, {}, { userAgent: "my-router/1.2" });
    // Node, or Bun or Deno (scripts/compat runs the suite there too).
    const agent = (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent;
    const runtime = agent?.startsWith("Bun/") || agent?.startsWith("Deno/") ? agent : `node ${process.versions.node}`;
    const own = `hostup-sdk-typescript/${packageJson.version} (${runtime})`;
    expect(api.requests.map((r) => r.headers.get("user-agent"))).toEqual([own, `${own} my-router/1.2`]);
  });

  test("without a `fetch` option the global fetch is used, as patched when the call is made", async ({ api }) => {
    api.script([dyndns(`good ${IP}`)]);
    const original = globalThis.fetch;
    globalThis.fetch = api.fetch;
    try {
      await expect(updateDynDns({ hostname: HOSTNAME, token: TOKEN }, { baseUrl: api.url })).resolves.toEqual({ status: "good", ip: IP });
    } finally {
      globalThis.fetch = original;
    }
    expectOneUpdate(api);
  });
});

// The pauses and timeouts run on a fake clock (../support/fake-clock.ts), whose timers are global: the
// blocks that use it are not concurrent.
describe("retries: a 429 only", () => {
  test("429 then good: retried once, after the Retry-After pause", async ({ api, clock }) => {
    api.script([rateLimited("1"), dyndns(`good ${IP}`)]);
    const records: LogRecord[] = [];
    await expect(clock.settle(update(api, {}, { logger: (r) => records.push(r) }))).resolves.toEqual({ status: "good", ip: IP });

    expect(api.requests).toHaveLength(2);
    expect(api.gapsMs()).toEqual([1_000]);
    expect(records.map((r) => [r.attempt, r.maxAttempts, r.status, r.retryInMs])).toEqual([
      [1, 3, 429, 1000],
      [2, 3, 200, undefined],
    ]);
  });

  test("429 on every attempt: HostupRateLimitError after maxRetries (default 2) retries", async ({ api }) => {
    api.script([rateLimited("0"), rateLimited("0"), rateLimited("0"), dyndns(`good ${IP}`)]);
    const error = await rejectionOf(update(api));
    expect(error).toBeInstanceOf(HostupRateLimitError);
    expect(api.requests).toHaveLength(3);
    expectNoSecrets(error);
  });

  test("maxRetries: 0 gives the 429 back at once; a Retry-After beyond maxRetryWaitMs too", async ({ api, clock }) => {
    api.script([rateLimited("0"), rateLimited("120"), dyndns(`good ${IP}`)]);
    await expect(clock.settle(update(api, {}, { maxRetries: 0 }))).rejects.toBeInstanceOf(HostupRateLimitError);
    const { ms, error } = await clock.settle(timed(() => update(api, {}, { maxRetryWaitMs: 5_000 })));
    expect(error).toBeInstanceOf(HostupRateLimitError);
    expect((error as HostupRateLimitError).retryAfterMs).toBe(120_000);
    expect(ms).toBe(0);
    expect(api.requests).toHaveLength(2);
  });

  test("a 503 is not retried (the update is not safe to repeat)", async ({ api }) => {
    api.script([{ status: 503, problem: problem(503, "service_unavailable") }, dyndns(`good ${IP}`)]);
    await expect(update(api)).rejects.toBeInstanceOf(HostupServerError);
    expectOneUpdate(api);
  });

  test("a lost connection is not retried", async ({ api }) => {
    api.script([{ fail: "ECONNRESET" }, dyndns(`good ${IP}`)]);
    const error = await rejectionOf(update(api));
    expect(error).toBeInstanceOf(HostupConnectionError);
    expect((error as HostupConnectionError).attempts).toBe(1);
    expect(error.message).toContain("ECONNRESET");
    expectOneUpdate(api);
    expectNoSecrets(error);
  });
});

describe("timeouts and abort", () => {
  test("an answer slower than timeoutMs: HostupTimeoutError after that long, not retried", async ({ api, clock }) => {
    api.script([{ hang: true }, dyndns(`good ${IP}`)]);
    const { ms, error } = await clock.settle(timed(() => update(api, {}, { timeoutMs: 200 })));

    expect(error).toBeInstanceOf(HostupTimeoutError);
    expect((error as HostupTimeoutError).timeoutMs).toBe(200);
    expect(ms).toBe(200);
    await clock.advance(10_000); // longer than any backoff: a retry would have been sent by now
    expectOneUpdate(api);
    expectNoSecrets(error);
  });

  // On real time: fake timers cannot drive a socket (time would move on while bytes are on their way).
  test("on a real connection: a body that stalls past timeoutMs times out, a reset mid-body fails; neither is retried", async ({
    server,
  }) => {
    const headers = { "content-type": "text/plain" };
    server.script([
      { headers, body: `good ${IP}`, stallMs: 2_000 },
      { headers, body: `good ${IP}`, resetMidBody: true },
    ]);
    const options = { baseUrl: server.url, timeoutMs: 300 };
    const stalled = await rejectionOf(updateDynDns({ hostname: HOSTNAME, token: TOKEN }, options));
    expect(stalled).toBeInstanceOf(HostupTimeoutError);
    const reset = await rejectionOf(updateDynDns({ hostname: HOSTNAME, token: TOKEN }, options));
    expect(reset).toBeInstanceOf(HostupConnectionError);
    expect(reset).not.toBeInstanceOf(HostupTimeoutError);
    expect(server.requests.map((r) => r.path.split("?")[0])).toEqual([UPDATE_PATH, UPDATE_PATH]);
    expect(server.unscripted).toBe(0);
    expectNoSecrets(stalled);
    expectNoSecrets(reset);
  });

  test("the signal aborts the request in flight: HostupAbortError with the signal's reason", async ({ api, clock }) => {
    api.script([{ hang: true }]);
    const controller = new AbortController();
    const reason = new Error("router shutting down");
    setTimeout(() => controller.abort(reason), 50);
    const { ms, error } = await clock.settle(timed(() => update(api, {}, { signal: controller.signal })));

    expect(error).toBeInstanceOf(HostupAbortError);
    expect(error!.cause).toBe(reason);
    expect(ms).toBe(50); // when the signal fired
    expectOneUpdate(api);
    expect(api.requests[0]!.signal?.aborted).toBe(true);
    expectNoSecrets(error);
  });

  test("the signal cuts a 429 pause short, and no second request goes out", async ({ api, clock }) => {
    api.script([rateLimited("10"), dyndns(`good ${IP}`)]);
    const controller = new AbortController();
    const pending = update(api, {}, { signal: controller.signal });
    await api.requested(1);
    setTimeout(() => controller.abort(), 50);
    const { ms, error } = await clock.settle(timed(() => pending));

    expect(error).toBeInstanceOf(HostupAbortError);
    expect(ms).toBe(50); // when the signal fired, not after the 10 s pause
    await clock.advance(20_000); // past the pause: the retry must not go anyway
    expectOneUpdate(api);
  });

  test("an already aborted signal sends nothing", async ({ api }) => {
    api.script([dyndns(`good ${IP}`)]);
    const error = await rejectionOf(update(api, {}, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(HostupAbortError);
    expect(api.requests).toHaveLength(0);
  });
});
