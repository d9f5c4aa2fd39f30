// updateDynDns reads the DynDNS2 answer: `good`/`nochg` resolve, each refusal throws
// HostupDynDnsError with its code and what to do (sent once, never retried), and anything else
// throws the HostupError that says what came back, without the token.
import { describe, expect } from "vitest";
import {
  HostupApiError,
  HostupDynDnsError,
  HostupError,
  HostupPermissionDeniedError,
  HostupResponseError,
  HostupServerError,
  HostupUnexpectedResponseError,
  type DynDnsFailureCode,
} from "../../src/index.js";
import { expectNoSecrets, failOnUnhandledRejections, problem, rejectionOf, test, TOKEN } from "../runtime/helpers.js";
import { dyndns, expectOneUpdate, IP, update } from "./support.js";

failOnUnhandledRejections();

describe.concurrent("successes", () => {
  test.for([
    ["good", IP],
    ["nochg", IP],
    ["good", "2001:db8::1"],
    ["nochg", "::ffff:203.0.113.7"],
  ] as const)("`%s %s` resolves to its status and address", async ([status, ip], { api }) => {
    api.script([dyndns(`${status} ${ip}\n`)]);
    await expect(update(api, { ip })).resolves.toEqual({ status, ip });
    expectOneUpdate(api);
  });

  test("the address is the answer's, not the one asked for", async ({ api }) => {
    api.script([dyndns("good 198.51.100.20")]);
    await expect(update(api)).resolves.toEqual({ status: "good", ip: "198.51.100.20" });
  });

  test("an answer without a content type is read by its words", async ({ api }) => {
    api.script([{ status: 200, text: `nochg ${IP}` }]);
    await expect(update(api)).resolves.toEqual({ status: "nochg", ip: IP });
  });
});

/** Each refusal, and what its message must tell the reader to do. */
const REFUSALS: ReadonlyArray<[DynDnsFailureCode, RegExp]> = [
  ["badauth", /token was refused.*retrying with the same token will not help/],
  ["notfqdn", /not a fully qualified name.*home\.example\.com/],
  ["nohost", /not configured for this token.*listDynDnsConfigs/],
  ["abuse", /blocked for sending too many updates.*Do not retry soon/],
  ["badagent", /client was refused.*userAgent/],
  ["dnserr", /server-side problem.*Retry later, with backoff/],
  ["911", /server-side problem.*Retry later, with backoff/],
];

describe.concurrent("refusals", () => {
  test.for(REFUSALS)(
    "`%s` throws HostupDynDnsError with its code and what to do, after exactly one request",
    async ([code, says], { api }) => {
      api.script([dyndns(code, { headers: { "x-request-id": "req_dyndns_1" } }), dyndns(`good ${IP}`)]);
      const error = await rejectionOf(update(api, {}, { maxRetries: 2 }));

      expect(error).toBeInstanceOf(HostupDynDnsError);
      expect(error).toBeInstanceOf(HostupError);
      const refusal = error as HostupDynDnsError;
      expect(refusal.name).toBe("HostupDynDnsError");
      expect(refusal.code).toBe(code);
      expect(refusal.status).toBe(200);
      expect(refusal.requestId).toBe("req_dyndns_1");
      expect(refusal.operationId).toBe("updateDynDns");
      expect(refusal.message).toMatch(new RegExp(`^updateDynDns: the update was refused with "${code}": `));
      expect(refusal.message).toMatch(says);
      expect(refusal.toJSON()).toEqual({
        name: "HostupDynDnsError",
        message: refusal.message,
        code,
        status: 200,
        requestId: "req_dyndns_1",
        operationId: "updateDynDns",
      });
      // Not retried, not even with retries allowed: the second scripted answer is never asked for.
      expectOneUpdate(api);
      expectNoSecrets(error);
    },
  );

  test("a refusal is read from its first word, with a trailing newline or words after it", async ({ api }) => {
    api.script([dyndns("abuse\n"), dyndns("911 maintenance until 03:00\n")]);
    expect(((await rejectionOf(update(api))) as HostupDynDnsError).code).toBe("abuse");
    expect(((await rejectionOf(update(api))) as HostupDynDnsError).code).toBe("911");
    expect(api.requests).toHaveLength(2);
  });

  test("a refusal counts whatever the status (read the body, not the status), and a 5xx refusal is not retried", async ({ api }) => {
    api.script([dyndns("badauth", { status: 401 }), dyndns("911", { status: 503 }), dyndns(`good ${IP}`)]);
    const auth = (await rejectionOf(update(api))) as HostupDynDnsError;
    expect([auth.code, auth.status]).toEqual(["badauth", 401]);
    const server = (await rejectionOf(update(api, {}, { maxRetries: 2 }))) as HostupDynDnsError;
    expect([server.code, server.status]).toEqual(["911", 503]);
    expect(api.requests).toHaveLength(2);
  });

  test("a request ID that echoes the token is left out", async ({ api }) => {
    api.script([dyndns("badauth", { headers: { "x-request-id": `req_${TOKEN}` } })]);
    const error = (await rejectionOf(update(api))) as HostupDynDnsError;
    expect(error.requestId).toBeUndefined();
    expectNoSecrets(error);
  });

  test("a refusal word in an HTML page is not a refusal", async ({ api }) => {
    api.script([{ status: 200, headers: { "content-type": "text/html" }, text: "abuse" }]);
    const error = await rejectionOf(update(api));
    expect(error).toBeInstanceOf(HostupUnexpectedResponseError);
    expect(error.message).toContain("is text/html, not the DynDNS2 plain-text answer");
  });
});

describe.concurrent("answers the SDK cannot vouch for: HostupUnexpectedResponseError (the update may have been applied)", () => {
  test.for([
    ["an unknown word", "hello", /it begins with "hello"; the update may or may not have been applied: listDynDnsLogs/],
    ["an empty body", "", /an empty body/],
    ["`good` alone", "good", /is "good" without exactly one IP address after it/],
    ["`nochg` with no address", "nochg somewhere", /is "nochg" without exactly one IP address after it/],
    ["two lines", `good ${IP}\ngood ${IP}`, /without exactly one IP address/],
    ["a capitalised word", `GOOD ${IP}`, /it begins with "GOOD"/],
  ] as ReadonlyArray<[string, string, RegExp]>)("%s", async ([, body, says], { api }) => {
    api.script([dyndns(body), dyndns(`good ${IP}`)]);
    const error = await rejectionOf(update(api));

    expect(error).toBeInstanceOf(HostupUnexpectedResponseError);
    const unexpected = error as HostupUnexpectedResponseError;
    expect(unexpected.status).toBe(200);
    expect(unexpected.operationId).toBe("updateDynDns");
    expect(unexpected.message).toMatch(/^HTTP 200: the 200 response is /);
    expect(unexpected.message).toMatch(says);
    expect(unexpected.message).toContain("(GET /api/dyndns/update)");
    expectOneUpdate(api);
  });

  test("an answer that echoes the token is described by its length, never quoted", async ({ api }) => {
    const body = `${TOKEN} accepted for home.example.com`;
    api.script([dyndns(body, { headers: { "x-echo": TOKEN } })]);
    const error = await rejectionOf(update(api));

    expect(error).toBeInstanceOf(HostupUnexpectedResponseError);
    expect(error.message).toContain(`${body.length} characters`);
    expect((error as HostupUnexpectedResponseError).headers.get("x-echo")).toBe("[REDACTED]");
    expectNoSecrets(error);
  });

  test("a first word that is part of the token is not quoted either", async ({ api }) => {
    api.script([dyndns("ddnstok")]);
    const error = await rejectionOf(update(api));
    expect(error.message).not.toContain("ddnstok");
    expect(error.message).toContain("7 characters");
  });

  test("a JSON body with status 200 is not the plain-text answer", async ({ api }) => {
    api.script([{ status: 200, json: { token: TOKEN, status: "good" } }]);
    const error = await rejectionOf(update(api));
    expect(error).toBeInstanceOf(HostupUnexpectedResponseError);
    expect(error.message).toContain("is application/json, not the DynDNS2 plain-text answer");
    expectNoSecrets(error);
  });

  test("another 2xx status is not the documented 200 answer, even with `good` in it", async ({ api }) => {
    api.script([dyndns(`good ${IP}`, { status: 202 })]);
    const error = await rejectionOf(update(api));
    expect(error).toBeInstanceOf(HostupUnexpectedResponseError);
    expect((error as HostupUnexpectedResponseError).status).toBe(202);
    expect(error.message).toContain("is not the documented 200 DynDNS2 answer");
  });
});

describe.concurrent("error statuses: the HostupApiError subclass for the status, never retried but for 429", () => {
  test("a Problem Details 500 (from a proxy in front) is a HostupServerError with its code, sent once", async ({ api }) => {
    api.script([{ status: 500, problem: problem(500, "internal_error") }, dyndns(`good ${IP}`)]);
    const error = await rejectionOf(update(api));

    expect(error).toBeInstanceOf(HostupServerError);
    expect((error as HostupServerError).code).toBe("internal_error");
    expect((error as HostupServerError).requestId).toBe("req_internal_error_500");
    expect(error.message).toContain("(GET /api/dyndns/update)");
    expectOneUpdate(api);
  });

  test("the front proxy's HTML 403 is a HostupPermissionDeniedError naming the page's title", async ({ api }) => {
    api.script([{ status: 403, headers: { "content-type": "text/html" }, text: "<html><title>error 1010: access denied</title></html>" }]);
    const error = await rejectionOf(update(api));
    expect(error).toBeInstanceOf(HostupPermissionDeniedError);
    expect(error.message).toContain("error 1010: access denied");
  });

  test("an error body and headers that echo the token: the token is in none of the error's renderings", async ({ api }) => {
    api.handle(({ query }) => ({
      status: 404,
      headers: { "content-type": "application/problem+json", "x-debug-url": `/api/dyndns/update?token=${query.token}` },
      text: JSON.stringify({ ...problem(404, "not_found"), detail: `No configuration for token ${query.token}`, token: query.token }),
    }));
    const error = await rejectionOf(update(api));

    expect(error).toBeInstanceOf(HostupApiError);
    expect((error as HostupApiError).detail).toBe("No configuration for token [REDACTED]");
    expect((error as HostupApiError).problem?.token).toBe("[REDACTED]");
    expectNoSecrets(error);
    expect(api.handlerErrors).toEqual([]);
  });

  test("a text/plain error body that echoes the token is quoted with the token scrubbed", async ({ api }) => {
    api.handle(({ query }) => ({ status: 400, headers: { "content-type": "text/plain" }, text: `bad request for ${query.token}` }));
    const error = await rejectionOf(update(api));
    expect(error).toBeInstanceOf(HostupResponseError);
    expect(error.message).toContain("bad request for [REDACTED]");
    expectNoSecrets(error);
  });
});
