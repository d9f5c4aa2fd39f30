import { describe, expect, vi } from "vitest";
import { HostupApiError, HostupConflictError, HostupRateLimitError, HostupServerError, HostupTimeoutError } from "../../src/index.js";
import {
  API_KEY,
  clientFor,
  DOMAIN_ID,
  DYNDNS_BODY,
  DYNDNS_CONFIG,
  DYNDNS_PATH,
  failOnUnhandledRejections,
  htmlPage,
  problem,
  rejectionOf,
  SYNC_PATH,
  SYNC_RESULT,
  timed,
  test,
} from "./helpers.js";

failOnUnhandledRejections();

const rateLimited = (headers: Record<string, string>) => ({
  status: 429,
  headers,
  problem: problem(429, "rate_limit_exceeded"),
});
const ok = { status: 200, json: SYNC_RESULT };

// The waits run on a fake clock (../support/fake-clock.ts): they are asserted to the millisecond, and
// take no real time. The clock's timers are global, so these blocks are not concurrent.
describe("429 Too Many Requests", () => {
  test("Retry-After in seconds: waits that long, retries once and returns the data", async ({ api, clock }) => {
    api.script([rateLimited({ "retry-after": "1" }), ok]);
    const call = clientFor(api).syncDomainStatus(DOMAIN_ID);
    await clock.advance(999);
    expect(api.requests).toHaveLength(1); // not a millisecond early
    const data = await clock.settle(call);

    expect(data).toEqual(SYNC_RESULT);
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${SYNC_PATH}`, `POST ${SYNC_PATH}`]);
    expect(api.gapsMs()).toEqual([1_000]);
  });

  test("Retry-After as an HTTP date: waits until that date", async ({ api, clock }) => {
    // HTTP dates have whole seconds: the call is made 250 ms into a second, and asked to wait for the next but one.
    vi.setSystemTime(Date.parse("2026-04-27T12:00:00.250Z"));
    const retryAt = Date.parse("2026-04-27T12:00:02Z");
    api.script([rateLimited({ "retry-after": new Date(retryAt).toUTCString() }), ok]);
    const data = await clock.settle(clientFor(api).syncDomainStatus(DOMAIN_ID));

    expect(data).toEqual(SYNC_RESULT);
    expect(api.requests).toHaveLength(2);
    expect(api.requests[1]!.at).toBe(retryAt);
    expect(api.gapsMs()).toEqual([1_750]);
  });

  test("only X-RateLimit-Reset (ISO timestamp): waits until the reset", async ({ api, clock }) => {
    const resetAt = Date.now() + 800;
    api.script([rateLimited({ "x-ratelimit-reset": new Date(resetAt).toISOString(), "x-ratelimit-remaining": "0" }), ok]);
    const data = await clock.settle(clientFor(api).syncDomainStatus(DOMAIN_ID));

    expect(data).toEqual(SYNC_RESULT);
    expect(api.requests).toHaveLength(2);
    expect(api.requests[1]!.at).toBe(resetAt);
    expect(api.gapsMs()).toEqual([800]);
  });

  test("no Retry-After and no X-RateLimit-Reset: falls back to the exponential backoff", async ({ api, clock }) => {
    api.script([rateLimited({}), ok]);
    await expect(clock.settle(clientFor(api).syncDomainStatus(DOMAIN_ID))).resolves.toEqual(SYNC_RESULT);
    expect(api.requests).toHaveLength(2);
    const [gap] = api.gapsMs();
    expect(gap).toBeGreaterThanOrEqual(375); // 500 ms minus at most 25% jitter
    expect(gap).toBeLessThanOrEqual(500);
  });

  test("a Retry-After longer than maxRetryWaitMs is thrown at once, with retryAfterMs and rateLimit", async ({ api, clock }) => {
    const reset = new Date(Date.now() + 120_000);
    reset.setMilliseconds(0);
    api.script([
      rateLimited({
        "retry-after": "120",
        "x-ratelimit-limit": "100",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": reset.toISOString(),
      }),
      ok,
    ]);
    const hostup = clientFor(api, { maxRetryWaitMs: 5_000 });
    const { ms, error } = await clock.settle(timed(() => hostup.syncDomainStatus(DOMAIN_ID)));

    expect(error).toBeInstanceOf(HostupRateLimitError);
    const rateLimit = error as HostupRateLimitError;
    expect(rateLimit.status).toBe(429);
    expect(rateLimit.code).toBe("rate_limit_exceeded");
    expect(rateLimit.retryAfterMs).toBe(120_000);
    expect(rateLimit.rateLimit).toEqual({ limit: 100, remaining: 0, reset });
    expect(api.requests).toHaveLength(1);
    expect(ms).toBe(0); // no wait at all, of 120 s or of 5 s
  });

  test("429 on every attempt: maxRetries + 1 attempts, then HostupRateLimitError", async ({ api }) => {
    // A 4th, successful answer proves the client stopped by itself after the 3rd.
    api.script([rateLimited({ "retry-after": "0" }), rateLimited({ "retry-after": "0" }), rateLimited({ "retry-after": "0" }), ok]);
    const error = await rejectionOf(clientFor(api).syncDomainStatus(DOMAIN_ID));

    expect(error).toBeInstanceOf(HostupRateLimitError);
    expect((error as HostupRateLimitError).status).toBe(429);
    expect((error as HostupRateLimitError).retryAfterMs).toBe(0);
    expect(api.requests).toHaveLength(3);
  });

  test("429 on createDynDnsConfig is retried (the API refused it before doing anything)", async ({ api }) => {
    api.script([rateLimited({ "retry-after": "0" }), { status: 201, json: DYNDNS_CONFIG }]);
    const data = await clientFor(api).createDynDnsConfig(DOMAIN_ID, DYNDNS_BODY);

    expect(data).toEqual(DYNDNS_CONFIG);
    expect(api.requests).toHaveLength(2);
    for (const request of api.requests) {
      expect(request.method).toBe("POST");
      expect(request.path).toBe(DYNDNS_PATH);
      expect(JSON.parse(request.body)).toEqual(DYNDNS_BODY);
    }
  });
});

describe("5xx", () => {
  test("a 502 proxy page followed by a success resolves with the data", async ({ api, clock }) => {
    api.script([{ status: 502, headers: { "content-type": "text/html" }, text: htmlPage("502 Bad Gateway") }, ok]);
    await expect(clock.settle(clientFor(api).syncDomainStatus(DOMAIN_ID))).resolves.toEqual(SYNC_RESULT);
    expect(api.requests).toHaveLength(2);
  });

  test("retry-safe operations other than POSTs are retried too (deleteDomain, updateDomainRedirect)", async ({ api, clock }) => {
    api.script([
      { status: 503, headers: { "content-type": "text/html" }, text: htmlPage("503 Service Unavailable") },
      { status: 204 },
      { status: 500, problem: problem(500, "internal_error") },
      { status: 200, json: { id: "redir_01hxa3b4c5d6e7f8g9h0j1k2m3", enabled: false } },
    ]);
    const hostup = clientFor(api);
    await expect(clock.settle(hostup.deleteDomain(DOMAIN_ID))).resolves.toBeUndefined();
    await expect(
      clock.settle(hostup.updateDomainRedirect(DOMAIN_ID, "redir_01hxa3b4c5d6e7f8g9h0j1k2m3", { enabled: false })),
    ).resolves.toEqual({
      id: "redir_01hxa3b4c5d6e7f8g9h0j1k2m3",
      enabled: false,
    });
    expect(api.requests.map((r) => r.method)).toEqual(["DELETE", "DELETE", "PATCH", "PATCH"]);
  });

  test.for([500, 502, 503])("createDynDnsConfig is never retried after a %i (it might have been applied)", async (status, { api }) => {
    api.script([
      { status, headers: { "content-type": "text/html" }, text: htmlPage(`${status} Server Error`) },
      { status: 201, json: DYNDNS_CONFIG },
    ]);
    const error = await rejectionOf(clientFor(api).createDynDnsConfig(DOMAIN_ID, DYNDNS_BODY));

    expect(error).toBeInstanceOf(HostupServerError);
    expect((error as HostupServerError).status).toBe(status);
    expect(api.requests).toHaveLength(1);
  });

  test("maxRetries: 0 on the client disables retries", async ({ api }) => {
    api.script([{ status: 503, problem: problem(503, "service_unavailable") }, ok]);
    const error = await rejectionOf(clientFor(api, { maxRetries: 0 }).syncDomainStatus(DOMAIN_ID));

    expect(error).toBeInstanceOf(HostupServerError);
    expect((error as HostupServerError).status).toBe(503);
    expect(api.requests).toHaveLength(1);
  });

  test("maxRetries: 0 on the call disables retries", async ({ api }) => {
    api.script([{ status: 503, problem: problem(503, "service_unavailable") }, ok]);
    const error = await rejectionOf(clientFor(api).syncDomainStatus(DOMAIN_ID, { maxRetries: 0 }));

    expect(error).toBeInstanceOf(HostupServerError);
    expect(api.requests).toHaveLength(1);
  });

  test("maxRetries on the call overrides the client's", async ({ api, clock }) => {
    api.script([{ status: 503, problem: problem(503, "service_unavailable") }, ok]);
    const data = await clock.settle(clientFor(api, { maxRetries: 0 }).syncDomainStatus(DOMAIN_ID, { maxRetries: 1 }));

    expect(data).toEqual(SYNC_RESULT);
    expect(api.requests).toHaveLength(2);
  });

  test("backoff: two retries after 503s wait 375–500 ms and 750–1 000 ms (500 ms × 2^(n-1) minus up to 25% jitter)", async ({
    api,
    clock,
  }) => {
    const unavailable = { status: 503, problem: problem(503, "service_unavailable") };
    api.script([unavailable, unavailable, ok]);
    const data = await clock.settle(clientFor(api).syncDomainStatus(DOMAIN_ID));

    expect(data).toEqual(SYNC_RESULT);
    expect(api.requests).toHaveLength(3);
    const [first, second] = api.gapsMs() as [number, number];
    expect(first).toBeGreaterThanOrEqual(375);
    expect(first).toBeLessThanOrEqual(500);
    expect(second).toBeGreaterThanOrEqual(750);
    expect(second).toBeLessThanOrEqual(1_000);
  });
});

describe.concurrent("4xx other than 429 is never retried", () => {
  test.for([
    [400, "invalid_request"],
    [401, "unauthorized"],
    [403, "forbidden"],
    [404, "not_found"],
    [409, "conflict"],
  ] as const)("%i: exactly one attempt", async ([status, code], { api }) => {
    api.script([{ status, problem: problem(status, code) }, ok]);
    const error = await rejectionOf(clientFor(api).syncDomainStatus(DOMAIN_ID));

    expect(error).toBeInstanceOf(HostupApiError);
    expect((error as HostupApiError).status).toBe(status);
    expect((error as HostupApiError).code).toBe(code);
    expect(api.requests).toHaveLength(1);
  });

  test("deleteDomain's 409 is not retried either", async ({ api }) => {
    api.script([{ status: 409, problem: problem(409, "conflict") }, { status: 204 }]);
    const error = await rejectionOf(clientFor(api).deleteDomain(DOMAIN_ID));
    expect(error).toBeInstanceOf(HostupConflictError);
    expect(api.requests).toHaveLength(1);
  });
});

describe("hostup.raw goes through the same retries", () => {
  const rawSync = (hostup: ReturnType<typeof clientFor>) =>
    hostup.raw.POST("/api/v2/domains/{id}/actions/status-sync", { params: { path: { id: DOMAIN_ID } } });

  test("a 503 on a retry-safe operation is retried and the success returned", async ({ api, clock }) => {
    api.script([{ status: 503, headers: { "content-type": "text/html" }, text: htmlPage("503 Service Unavailable") }, ok]);
    const { data, error, response } = await clock.settle(rawSync(clientFor(api)));

    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data).toEqual(SYNC_RESULT);
    expect(api.requests).toHaveLength(2);
    expect(api.requests.map((r) => r.headers.get("authorization"))).toEqual([`Bearer ${API_KEY}`, `Bearer ${API_KEY}`]);
  });

  test("a persisting 503 is retried maxRetries times with backoff, then returned as { error }, not thrown", async ({ api, clock }) => {
    const unavailable = { status: 503, problem: problem(503, "service_unavailable") };
    api.script([unavailable, unavailable, unavailable, ok]);
    const { data, error, response } = await clock.settle(rawSync(clientFor(api)));

    expect(data).toBeUndefined();
    expect(response.status).toBe(503);
    expect(error).toMatchObject({ status: 503, code: "service_unavailable", requestId: "req_service_unavailable_503" });
    expect(api.requests).toHaveLength(3);
    const [first, second] = api.gapsMs() as [number, number];
    expect(first).toBeGreaterThanOrEqual(375);
    expect(first).toBeLessThanOrEqual(500);
    expect(second).toBeGreaterThanOrEqual(750);
    expect(second).toBeLessThanOrEqual(1_000);
  });

  test("a 404 is returned as { error } after one attempt", async ({ api }) => {
    api.script([{ status: 404, problem: problem(404, "not_found") }, ok]);
    const { data, error, response } = await rawSync(clientFor(api));

    expect(data).toBeUndefined();
    expect(response.status).toBe(404);
    expect(error).toMatchObject({ status: 404, code: "not_found" });
    expect(api.requests).toHaveLength(1);
  });

  test("a 5xx on createDynDnsConfig through raw is not retried", async ({ api }) => {
    api.script([
      { status: 502, problem: problem(502, "bad_gateway") },
      { status: 201, json: DYNDNS_CONFIG },
    ]);
    const { error, response } = await clientFor(api).raw.POST("/api/v2/domains/{id}/dyndns", {
      params: { path: { id: DOMAIN_ID } },
      body: DYNDNS_BODY,
    });

    expect(response.status).toBe(502);
    expect(error).toMatchObject({ code: "bad_gateway" });
    expect(api.requests).toHaveLength(1);
    expect(JSON.parse(api.requests[0]!.body)).toEqual(DYNDNS_BODY);
  });

  test("a timeout is thrown as HostupTimeoutError (raw does not turn it into { error })", async ({ api, clock }) => {
    api.script([{ delayMs: 1_000, ...ok }]);
    const { ms, error } = await clock.settle(timed(() => rawSync(clientFor(api, { timeoutMs: 200, maxRetries: 0 }))));

    expect(error).toBeInstanceOf(HostupTimeoutError);
    expect((error as HostupTimeoutError).timeoutMs).toBe(200);
    expect(ms).toBe(200);
    expect(api.requests).toHaveLength(1);
  });
});
