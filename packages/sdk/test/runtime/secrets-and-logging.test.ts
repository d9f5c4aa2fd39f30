import { afterEach, describe, expect, vi } from "vitest";
import {
  HostupAbortError,
  HostupAuthenticationError,
  HostupConflictError,
  HostupConnectionError,
  HostupServerError,
  HostupTimeoutError,
  HostupUnexpectedResponseError,
  HostupValidationError,
  type LogRecord,
} from "../../src/index.js";
import {
  API_KEY,
  clientFor,
  DOMAIN_ID,
  DYNDNS_BODY,
  DYNDNS_CONFIG,
  DYNDNS_PATH,
  expectNoSecrets,
  failOnUnhandledRejections,
  problem,
  rejectionOf,
  SECRETS,
  SYNC_PATH,
  SYNC_RESULT,
  TOKEN,
  test,
} from "./helpers.js";

failOnUnhandledRejections();
const ok = { status: 200, json: SYNC_RESULT };

describe.concurrent("secrets stay out of errors", () => {
  test("the server receives Authorization: Bearer <key>, and createDynDnsConfig returns the token unredacted", async ({ api }) => {
    api.script([
      { status: 201, json: DYNDNS_CONFIG },
      { status: 201, json: DYNDNS_CONFIG },
    ]);
    const hostup = clientFor(api);

    const data = await hostup.createDynDnsConfig(DOMAIN_ID, DYNDNS_BODY);
    expect(data.token).toBe(TOKEN);
    expect(data).toEqual(DYNDNS_CONFIG);
    const { data: again } = await hostup.createDynDnsConfig.withResponse(DOMAIN_ID, DYNDNS_BODY, { headers: { "X-Trace": "t1" } });
    expect(again.token).toBe(TOKEN);

    const [first, second] = api.requests;
    expect(first!.headers.get("authorization")).toBe(`Bearer ${API_KEY}`);
    expect(second!.headers.get("authorization")).toBe(`Bearer ${API_KEY}`);
    expect(second!.headers.get("x-trace")).toBe("t1");
  });

  test.for(["authorization", "Authorization", "AUTHORIZATION"])(
    "a per-call %s header neither replaces nor joins the client's key",
    async (name, { api }) => {
      api.script([ok]);
      await clientFor(api).syncDomainStatus(DOMAIN_ID, { headers: { [name]: "Bearer someone-elses-key", "X-Trace": "t1" } });

      expect(api.requests[0]!.headers.get("authorization")).toBe(`Bearer ${API_KEY}`);
      expect(api.requests[0]!.headers.get("x-trace")).toBe("t1");
    },
  );

  test("a Problem Details body echoing the Authorization header: the key appears nowhere in the error", async ({ api }) => {
    api.handle(({ headers }) => {
      const echo = headers.get("authorization");
      return {
        status: 401,
        headers: { "content-type": "application/problem+json" },
        text: JSON.stringify({
          title: "Unauthorized",
          detail: `Invalid credentials: ${echo}`,
          code: "unauthorized",
          requestId: "req_echo",
          errors: [{ pointer: "/authorization", detail: `${echo} is revoked`, code: "revoked" }],
          extensions: { received: { authorization: echo } },
        }),
      };
    });
    const error = await rejectionOf(clientFor(api).syncDomainStatus(DOMAIN_ID));

    expect(error).toBeInstanceOf(HostupAuthenticationError);
    const auth = error as HostupAuthenticationError;
    expect(auth.code).toBe("unauthorized");
    expect(auth.requestId).toBe("req_echo");
    expect(auth.detail).toBe("Invalid credentials: Bearer [REDACTED]");
    expect(auth.message).toContain("Invalid credentials: Bearer [REDACTED]");
    expect(auth.errors[0]?.detail).toBe("Bearer [REDACTED] is revoked");
    expectNoSecrets(error);
    // The answer really did echo it.
    expect(api.requests[0]!.headers.get("authorization")).toBe(`Bearer ${API_KEY}`);
    expect(api.handlerErrors).toEqual([]);
  });

  test("an HTML error page whose title echoes the Authorization header: the key appears nowhere in the error", async ({ api }) => {
    api.handle(({ headers }) => ({
      status: 502,
      headers: { "content-type": "text/html" },
      text: `<html><head><title>502 Bad Gateway for ${headers.get("authorization")}</title></head><body>${headers.get("authorization")}</body></html>`,
    }));
    const error = await rejectionOf(clientFor(api, { maxRetries: 0 }).syncDomainStatus(DOMAIN_ID));

    expect(error).toBeInstanceOf(HostupServerError);
    expect(error.message).toContain("502 Bad Gateway for Bearer [REDACTED]");
    expectNoSecrets(error);
  });

  test("a text/plain error body echoing the Authorization header: the key appears nowhere in the error", async ({ api }) => {
    api.handle(({ headers }) => ({
      status: 403,
      headers: { "content-type": "text/plain" },
      text: `forbidden for ${headers.get("authorization")}\nmore`,
    }));
    const error = await rejectionOf(clientFor(api).syncDomainStatus(DOMAIN_ID));

    expect((error as HostupAuthenticationError).status).toBe(403);
    expect(error.message).toContain("forbidden for Bearer [REDACTED]");
    expectNoSecrets(error);
  });

  test("a response header echoing the Authorization header: the key appears nowhere in the error (error.headers included)", async ({
    api,
  }) => {
    api.handle(({ headers }) => ({
      status: 401,
      headers: { "x-debug-authorization": headers.get("authorization")! },
      problem: problem(401, "unauthorized"),
    }));
    const error = await rejectionOf(clientFor(api).syncDomainStatus(DOMAIN_ID));

    expect(error).toBeInstanceOf(HostupAuthenticationError);
    expect((error as HostupAuthenticationError).headers.has("x-debug-authorization")).toBe(true);
    expectNoSecrets(error);
  });

  test("error.headers keeps the response headers but drops Set-Cookie", async ({ api }) => {
    api.script([
      {
        status: 404,
        headers: { "set-cookie": "session=dashboard-session-123", "x-request-id": "req_404" },
        problem: problem(404, "not_found"),
      },
    ]);
    const error = await rejectionOf(clientFor(api).deleteDomain(DOMAIN_ID));

    const headers = (error as HostupAuthenticationError).headers;
    expect(headers.get("x-request-id")).toBe("req_404");
    expect(headers.get("set-cookie")).toBeNull();
    expectNoSecrets(error, ["dashboard-session-123"]);
  });

  test("a createDynDnsConfig error body carrying a token: the token is redacted from problem, errors and message", async ({ api }) => {
    api.script([
      {
        status: 409,
        problem: problem(409, "dyndns_hostname_taken", {
          detail: `Already configured: {"token": "${TOKEN}"}`,
          token: TOKEN,
          extensions: { existing: { hostname: "home.example.com", token: TOKEN } },
        }),
      },
    ]);
    const error = await rejectionOf(clientFor(api).createDynDnsConfig(DOMAIN_ID, DYNDNS_BODY));

    expect(error).toBeInstanceOf(HostupConflictError);
    const conflict = error as HostupConflictError;
    expect(conflict.code).toBe("dyndns_hostname_taken");
    expect(conflict.problem?.token).toBe("[REDACTED]");
    expect(conflict.problem?.extensions).toEqual({ existing: { hostname: "home.example.com", token: "[REDACTED]" } });
    expect(conflict.detail).toBe('Already configured: {"token": "[REDACTED]"}');
    expectNoSecrets(error);
  });

  // The client's DynDNS update sends the token in its query string; a server (or a proxy) that echoes
  // the request URI puts it back in the error, in the token's own form or percent-encoded.
  test.for([
    ["the token", TOKEN],
    ["a token the query string encodes", "ddns+tok/en=9f8e7d6c5b4a3928&SECRET"],
  ] as const)("hostup.updateDynDns: a Problem echoing the request URI: %s appears nowhere in the error", async ([, token], { api }) => {
    api.handle(({ url }) => {
      const uri = url.slice(api.url.length);
      return {
        status: 401,
        headers: { "x-request-uri": uri },
        problem: { ...problem(401, "unauthorized"), detail: `Refused ${uri}`, instance: uri, errors: [{ pointer: "/token", detail: uri }] },
      };
    });
    const error = await rejectionOf(clientFor(api).updateDynDns({ hostname: "home.example.com", token }));

    expect(error).toBeInstanceOf(HostupAuthenticationError);
    const auth = error as HostupAuthenticationError;
    expect(auth.problem?.instance).toBe("/api/dyndns/update?hostname=home.example.com&token=[REDACTED]");
    expect(auth.message).toContain("Refused /api/dyndns/update?hostname=home.example.com&token=[REDACTED]");
    const encoded = new URLSearchParams({ token }).toString().slice("token=".length);
    expectNoSecrets(error, [...SECRETS, token, encoded, encodeURIComponent(token), token.slice(5, 20)]);
    // The answer really did echo it.
    expect(api.requests[0]!.query.token).toBe(token);
    expect(api.handlerErrors).toEqual([]);
  });

  test("a 201 createDynDnsConfig with malformed JSON containing the token: HostupUnexpectedResponseError without the token", async ({
    api,
  }) => {
    const truncated = JSON.stringify(DYNDNS_CONFIG).slice(0, JSON.stringify(DYNDNS_CONFIG).indexOf(TOKEN) + TOKEN.length + 5);
    expect(truncated).toContain(TOKEN);
    api.script([{ status: 201, headers: { "content-type": "application/json" }, text: truncated }]);
    const error = await rejectionOf(clientFor(api).createDynDnsConfig(DOMAIN_ID, DYNDNS_BODY));

    expect(error).toBeInstanceOf(HostupUnexpectedResponseError);
    expect((error as HostupUnexpectedResponseError).status).toBe(201);
    expect(error.message).toMatch(/not valid JSON/);
    expectNoSecrets(error);
  });

  test("a 201 createDynDnsConfig served as text/plain: HostupUnexpectedResponseError without the token", async ({ api }) => {
    api.script([{ status: 201, headers: { "content-type": "text/plain" }, text: JSON.stringify(DYNDNS_CONFIG) }]);
    const error = await rejectionOf(clientFor(api).createDynDnsConfig(DOMAIN_ID, DYNDNS_BODY));

    expect(error).toBeInstanceOf(HostupUnexpectedResponseError);
    expectNoSecrets(error);
  });

  test("a validation error sends nothing and does not mention the key", async ({ api }) => {
    const error = await rejectionOf(
      clientFor(api).createDynDnsConfig(DOMAIN_ID, { hostname: "home.example.com", recordType: "MX" as "A" }),
    );

    expect(error).toBeInstanceOf(HostupValidationError);
    expect((error as HostupValidationError).field).toBe("/recordType");
    expectNoSecrets(error);
    expect(api.requests).toHaveLength(0);
  });

  test("a validation error does not echo the API key when it was passed by mistake as the domain ID", async ({ api }) => {
    const error = await rejectionOf(clientFor(api).syncDomainStatus(API_KEY));

    expect(error).toBeInstanceOf(HostupValidationError);
    expect((error as HostupValidationError).field).toBe("id");
    expectNoSecrets(error);
    expect(api.requests).toHaveLength(0);
  });

  test("a validation error does not echo the API key when it was passed by mistake in the body", async ({ api }) => {
    const error = await rejectionOf(clientFor(api).bulkSyncDomainStatus({ domainIds: [DOMAIN_ID, API_KEY] }));

    expect(error).toBeInstanceOf(HostupValidationError);
    expect((error as HostupValidationError).field).toBe("/domainIds/1");
    expectNoSecrets(error);
    expect(api.requests).toHaveLength(0);
  });

  test("a connection error from fetch (ECONNREFUSED) does not carry the key or the token, cause chain included", async ({ api }) => {
    api.script([{ fail: "ECONNREFUSED" }]);
    const error = await rejectionOf(clientFor(api).createDynDnsConfig(DOMAIN_ID, DYNDNS_BODY));

    expect(error).toBeInstanceOf(HostupConnectionError);
    expect(error.message).toContain("ECONNREFUSED");
    expect((error.cause as Error).cause).toMatchObject({ code: "ECONNREFUSED" });
    expectNoSecrets(error);
  });
});

// On a fake clock (../support/fake-clock.ts), whose timers are global: not concurrent.
describe("secrets stay out of errors: timeouts and aborts", () => {
  test("timeout errors do not carry the key", async ({ api, clock }) => {
    api.script([{ ...ok, delayMs: 1_000 }]);
    const error = await clock.settle(rejectionOf(clientFor(api, { timeoutMs: 200, maxRetries: 0 }).syncDomainStatus(DOMAIN_ID)));

    expect(error).toBeInstanceOf(HostupTimeoutError);
    expectNoSecrets(error);
  });

  test("abort errors do not carry the key", async ({ api, clock }) => {
    api.script([{ ...ok, delayMs: 2_000 }]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("stop")), 50);
    const error = await clock.settle(rejectionOf(clientFor(api).syncDomainStatus(DOMAIN_ID, { signal: controller.signal })));

    expect(error).toBeInstanceOf(HostupAbortError);
    expectNoSecrets(error);
  });
});

// Sequential: these tests spy on console and change process.env (and some use the fake clock).
describe("logging", () => {
  const originalDebugEnv = process.env.HOSTUP_DEBUG;
  afterEach(() => {
    vi.restoreAllMocks();
    if (originalDebugEnv === undefined) delete process.env.HOSTUP_DEBUG;
    else process.env.HOSTUP_DEBUG = originalDebugEnv;
  });

  /** Nothing secret or request-specific: no key, no token, no request body, no headers. */
  const expectClean = (text: string) => {
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    for (const fragment of ["home.example.com", "recordType", "Bearer", "authorization", "content-type", "x-trace"]) {
      expect(text.toLowerCase()).not.toContain(fragment.toLowerCase());
    }
  };

  test("logger gets one record per attempt: method, path, status, attempt/maxAttempts, durationMs, retryInMs", async ({ api }) => {
    api.script([
      { status: 429, headers: { "retry-after": "0" }, problem: problem(429, "rate_limit_exceeded") },
      { status: 201, json: DYNDNS_CONFIG },
    ]);
    const records: LogRecord[] = [];
    const hostup = clientFor(api, { logger: (record) => records.push(record) });
    const data = await hostup.createDynDnsConfig(DOMAIN_ID, DYNDNS_BODY, { headers: { "X-Trace": "t1" } });

    expect(data.token).toBe(TOKEN);
    expect(records).toHaveLength(2);
    expect(records[0]).toEqual({
      operationId: "createDynDnsConfig",
      method: "POST",
      path: DYNDNS_PATH,
      attempt: 1,
      maxAttempts: 3,
      durationMs: expect.any(Number),
      status: 429,
      error: undefined,
      retryInMs: 0,
    });
    expect(records[1]).toEqual({
      operationId: "createDynDnsConfig",
      method: "POST",
      path: DYNDNS_PATH,
      attempt: 2,
      maxAttempts: 3,
      durationMs: expect.any(Number),
      status: 201,
      error: undefined,
      retryInMs: undefined,
    });
    for (const record of records) expect(record.durationMs).toBeGreaterThanOrEqual(0);
    expectClean(JSON.stringify(records));
  });

  test("a backoff retry is logged with its wait, and the last attempt without one", async ({ api, clock }) => {
    api.script([
      { status: 503, problem: problem(503, "service_unavailable") },
      { status: 503, problem: problem(503, "service_unavailable") },
    ]);
    const records: LogRecord[] = [];
    const error = await clock.settle(
      rejectionOf(clientFor(api, { maxRetries: 1, logger: (r) => records.push(r) }).syncDomainStatus(DOMAIN_ID)),
    );

    expect(error).toBeInstanceOf(HostupServerError);
    expect(records.map((r) => [r.attempt, r.maxAttempts, r.status])).toEqual([
      [1, 2, 503],
      [2, 2, 503],
    ]);
    expect(records[0]!.retryInMs).toBeGreaterThanOrEqual(375);
    expect(records[0]!.retryInMs).toBeLessThanOrEqual(500);
    expect(records[1]!.retryInMs).toBeUndefined();
  });

  test("failed attempts are logged with the error's name and no status", async ({ api, clock }) => {
    api.script([{ ...ok, delayMs: 1_000 }, { fail: "ECONNRESET" }]);
    const records: LogRecord[] = [];
    const error = await clock.settle(
      rejectionOf(clientFor(api, { timeoutMs: 200, maxRetries: 1, logger: (r) => records.push(r) }).syncDomainStatus(DOMAIN_ID)),
    );

    expect(error).toBeInstanceOf(HostupConnectionError);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ attempt: 1, maxAttempts: 2, error: "HostupTimeoutError", status: undefined });
    expect(records[0]!.retryInMs).toBeGreaterThanOrEqual(375);
    expect(records[0]!.durationMs).toBe(200); // the attempt took its timeout
    expect(records[1]).toMatchObject({
      attempt: 2,
      maxAttempts: 2,
      error: "HostupConnectionError",
      status: undefined,
      retryInMs: undefined,
    });
  });

  test("the logged path has no query string (hostup.raw with a query)", async ({ api }) => {
    api.script([ok]);
    const records: LogRecord[] = [];
    const hostup = clientFor(api, { logger: (r) => records.push(r) });
    await hostup.raw.POST("/api/v2/domains/{id}/actions/status-sync", {
      params: { path: { id: DOMAIN_ID }, query: { api_key: API_KEY } },
    } as never);

    expect(api.requests[0]!.url).toBe(`${api.url}${SYNC_PATH}?api_key=${API_KEY}`);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ operationId: "syncDomainStatus", method: "POST", path: SYNC_PATH, status: 200 });
    expectClean(JSON.stringify(records));
  });

  test("debug: true writes one line per attempt to stderr (console.warn) with method, path, status and attempt", async ({ api }) => {
    const debug = vi.spyOn(console, "warn").mockImplementation(() => {});
    api.script([
      { status: 429, headers: { "retry-after": "0" }, problem: problem(429, "rate_limit_exceeded") },
      { status: 201, json: DYNDNS_CONFIG },
    ]);
    const data = await clientFor(api, { debug: true }).createDynDnsConfig(DOMAIN_ID, DYNDNS_BODY, { headers: { "X-Trace": "t1" } });

    expect(data.token).toBe(TOKEN);
    const lines = debug.mock.calls.map((args) => args.map(String).join(" "));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(`POST ${DYNDNS_PATH}`);
    expect(lines[0]).toContain("429");
    expect(lines[0]).toContain("attempt 1/3");
    expect(lines[0]).toContain("retrying in 0 ms");
    expect(lines[1]).toContain(`POST ${DYNDNS_PATH}`);
    expect(lines[1]).toContain("201");
    expect(lines[1]).toContain("attempt 2/3");
    expectClean(lines.join("\n"));
  });

  test("HOSTUP_DEBUG=1 in the environment turns debug logging on, to stderr: nothing goes to stdout (a CLI's --json)", async ({ api }) => {
    const debug = vi.spyOn(console, "warn").mockImplementation(() => {});
    // What Node writes to stdout.
    const stdout = (["log", "info", "debug"] as const).map((name) => vi.spyOn(console, name).mockImplementation(() => {}));
    process.env.HOSTUP_DEBUG = "1";
    api.script([ok]);
    await clientFor(api).syncDomainStatus(DOMAIN_ID);

    for (const spy of stdout) expect(spy).not.toHaveBeenCalled();
    expect(debug).toHaveBeenCalledTimes(1);
    const line = String(debug.mock.calls[0]![0]);
    expect(line).toContain(`POST ${SYNC_PATH}`);
    expect(line).toContain("200");
    expect(line).toContain("attempt 1/3");
    expectClean(line);
  });

  test("without debug, HOSTUP_DEBUG or a logger nothing is written; debug: false beats HOSTUP_DEBUG=1", async ({ api }) => {
    const debug = vi.spyOn(console, "warn").mockImplementation(() => {});
    const consoleDebug = vi.spyOn(console, "debug").mockImplementation(() => {});
    delete process.env.HOSTUP_DEBUG;
    api.script([ok, ok]);
    await clientFor(api).syncDomainStatus(DOMAIN_ID);
    process.env.HOSTUP_DEBUG = "1";
    await clientFor(api, { debug: false }).syncDomainStatus(DOMAIN_ID);

    expect(api.requests).toHaveLength(2);
    expect(debug).not.toHaveBeenCalled();
    expect(consoleDebug).not.toHaveBeenCalled();
  });
});
