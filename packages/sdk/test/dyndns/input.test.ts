// updateDynDns checks its input and options before anything is sent: each refusal is a
// HostupValidationError naming the field, nothing is dropped or guessed, and no message quotes a
// value (it might be the token, passed in the wrong field).
import { describe, expect } from "vitest";
import { HostupValidationError, updateDynDns, type DynDnsUpdateOptions } from "../../src/index.js";
import { expectNoSecrets, failOnUnhandledRejections, rejectionOf, test, TOKEN } from "../runtime/helpers.js";
import { dyndns, HOSTNAME, IP, update } from "./support.js";

failOnUnhandledRejections();

/** The HostupValidationError `call` rejects with, after checking that nothing was sent and nothing secret shown. */
async function refusal(call: Promise<unknown>, requests: () => number): Promise<HostupValidationError> {
  const error = await rejectionOf(call);
  expect(error).toBeInstanceOf(HostupValidationError);
  const invalid = error as HostupValidationError;
  expect(invalid.operationId).toBe("updateDynDns");
  expect(invalid.message).toMatch(/^updateDynDns: /);
  expect(invalid.toJSON()).toEqual({
    name: "HostupValidationError",
    message: invalid.message,
    operationId: "updateDynDns",
    field: invalid.field,
  });
  expect(requests()).toBe(0);
  expectNoSecrets(error);
  return invalid;
}

describe.concurrent("the input", () => {
  test.for([
    ["undefined", undefined],
    ["a string", "home.example.com"],
    ["null", null],
    ["an array", [HOSTNAME, TOKEN]],
  ])("%s instead of an object: field `input`", async ([, input], { api }) => {
    const error = await refusal(updateDynDns(input as never, { fetch: api.fetch }), () => api.requests.length);
    expect(error.field).toBe("input");
  });

  test.for([
    ["missing", undefined, /`token` is required/],
    ["empty", "", /`token` is required/],
    ["a number", 42, /`token` is required/],
    ["with a trailing newline", `${TOKEN}\n`, /whitespace or control characters; .*trailing newline/],
    ["with a space inside", "ddns tok", /whitespace/],
    ["with a control character", "tok\u0007en", /control characters/],
  ])("token %s: field `token`", async ([, token, says], { api }) => {
    const error = await refusal(update(api, { token: token as string }), () => api.requests.length);
    expect(error.field).toBe("token");
    expect(error.message).toMatch(says as RegExp);
  });

  test.for([
    ["missing", undefined, /`hostname` is required/],
    ["empty", "", /`hostname` is required/],
    ["with a scheme", "https://home.example.com", /has a scheme: pass the name alone/],
    ["with a path", "home.example.com/update", /has a path/],
    ["with a port", "home.example.com:8080", /has a port/],
    ["an IPv6 address", "2001:db8::1", /has a port or is an IPv6 address/],
    ["an IPv4 address", "203.0.113.7", /is an IP address: pass the configured hostname, and the address as `ip`/],
    ["a single label", "home", /is a single label: pass the fully qualified name/],
    ["with a trailing dot", "home.example.com.", /ends with a dot/],
    ["with two dots in a row", "home..example.com", /empty label/],
    ["with a leading dot", ".home.example.com", /empty label/],
    ["with a leading hyphen", "-home.example.com", /letters, digits and inner hyphens only/],
    ["with an underscore", "home_1.example.com", /letters, digits and inner hyphens only/],
    ["international, not in xn-- form", "hëm.example.com", /xn-- form/],
    ["a wildcard", "*.example.com", /letters, digits and inner hyphens only/],
    ["with whitespace", "home.example.com\n", /whitespace; .*trailing newline/],
    ["with a label over 63 characters", `${"a".repeat(64)}.example.com`, /longer than 63/],
    ["over 253 characters", `${"abcdefghi.".repeat(26)}com`, /at most 253/],
    ["with a numeric last label", "home.example.123", /numeric label/],
  ])("hostname %s: field `hostname`", async ([, hostname, says], { api }) => {
    const error = await refusal(update(api, { hostname: hostname as string }), () => api.requests.length);
    expect(error.field).toBe("hostname");
    expect(error.message).toMatch(says as RegExp);
  });

  test.for(["HOME.Example.com", "xn--hm-fka.example.com", "a.b", "my-home-1.dyn.example.co.uk"])(
    "hostname %s is accepted and sent as given",
    async (hostname, { api }) => {
      api.script([dyndns(`good ${IP}`)]);
      await update(api, { hostname });
      expect(api.requests[0]!.query.hostname).toBe(hostname);
    },
  );

  test.for([
    ["empty", ""],
    ["three octets", "203.0.113"],
    ["an octet over 255", "256.0.113.7"],
    ["a leading zero", "203.0.113.07"],
    ["a prefix length", "203.0.113.7/24"],
    ["in brackets", "[2001:db8::1]"],
    ["with a zone", "fe80::1%eth0"],
    ["not hex", "2001:db8::g"],
    ["two ::", "2001::db8::1"],
    ["a hostname", "home.example.com"],
    ["a number", 3405803783],
    ["null", null],
  ])("ip %s: field `ip`", async ([, ip], { api }) => {
    const error = await refusal(update(api, { ip: ip as string }), () => api.requests.length);
    expect(error.field).toBe("ip");
    expect(error.message).toMatch(/`ip` must be an IPv4 address \(203\.0\.113\.7\) or an IPv6 address \(2001:db8::1\)/);
  });

  test.for(["203.0.113.7", "0.0.0.0", "2001:db8::1", "::1", "::ffff:203.0.113.7", "2001:DB8:0:0:0:0:0:1"])(
    "ip %s is accepted and sent as given",
    async (ip, { api }) => {
      api.script([dyndns(`good ${IP}`)]);
      await update(api, { ip });
      expect(api.requests[0]!.query.ip).toBe(ip);
    },
  );

  test("`ip: undefined` is the same as no ip", async ({ api }) => {
    api.script([dyndns(`good ${IP}`)]);
    await update(api, { ip: undefined });
    expect(api.requests[0]!.query).not.toHaveProperty("ip");
  });

  test("an unknown field is refused, not dropped", async ({ api }) => {
    const error = await refusal(update(api, { ipAddress: IP } as never), () => api.requests.length);
    expect(error.field).toBe("ipAddress");
    expect(error.message).toContain("unknown field `ipAddress` (expected hostname, token, ip)");
  });

  test("values in the wrong field are described, never quoted: the token as hostname, as ip, as a key", async ({ api }) => {
    const asHostname = await refusal(update(api, { hostname: TOKEN, token: HOSTNAME }), () => api.requests.length);
    expect(asHostname.field).toBe("hostname");
    const asIp = await refusal(update(api, { ip: TOKEN }), () => api.requests.length);
    expect(asIp.message).toContain(`got a string of ${TOKEN.length} characters`);
    const asKey = await refusal(update(api, { [TOKEN]: true } as never), () => api.requests.length);
    expect(asKey.field).toBe("[REDACTED]");
  });

  test("a third argument is refused", async ({ api }) => {
    const call = (updateDynDns as (...args: unknown[]) => Promise<unknown>)({ hostname: HOSTNAME, token: TOKEN }, { fetch: api.fetch }, {});
    const error = await refusal(call, () => api.requests.length);
    expect(error.field).toBe("arguments");
  });
});

describe.concurrent("the options", () => {
  test.for([
    [
      "an unknown option",
      { headers: { authorization: "x" } },
      "options.headers",
      /unknown option `headers` \(expected baseUrl, fetch, timeoutMs/,
    ],
    ["the client's apiKey", { apiKey: "hk_1" }, "options.apiKey", /unknown option `apiKey`/],
    ["timeoutMs 0", { timeoutMs: 0 }, "options.timeoutMs", /`timeoutMs` must be a number ≥ 1, got 0/],
    ["timeoutMs NaN", { timeoutMs: Number.NaN }, "options.timeoutMs", /got NaN/],
    ["timeoutMs as a string", { timeoutMs: "5000" }, "options.timeoutMs", /got a string of 4 characters/],
    ["maxRetries 1.5", { maxRetries: 1.5 }, "options.maxRetries", /`maxRetries` must be a whole number ≥ 0, got 1.5/],
    ["maxRetries -1", { maxRetries: -1 }, "options.maxRetries", /got -1/],
    ["maxRetryWaitMs -1", { maxRetryWaitMs: -1 }, "options.maxRetryWaitMs", /≥ 0/],
    ["baseUrl without a scheme", { baseUrl: "cloud.hostup.se" }, "options.baseUrl", /not a valid URL; it needs a scheme/],
    ["baseUrl ftp", { baseUrl: "ftp://cloud.hostup.se" }, "options.baseUrl", /http\(s\) URL, got ftp:/],
    [
      "baseUrl with a query",
      { baseUrl: `https://cloud.hostup.se/?token=${TOKEN}` },
      "options.baseUrl",
      /must not contain credentials, a query/,
    ],
    ["baseUrl with credentials", { baseUrl: "https://user:pw@cloud.hostup.se" }, "options.baseUrl", /credentials/],
    ["baseUrl the update URL", { baseUrl: "https://cloud.hostup.se/api/dyndns/update/" }, "options.baseUrl", /not the update URL/],
    ["fetch not a function", { fetch: "fetch" }, "options.fetch", /`fetch` must be a function, got a string/],
    ["logger not a function", { logger: console }, "options.logger", /`logger` must be a function, got an object/],
    ["debug not a boolean", { debug: "yes" }, "options.debug", /`debug` must be true or false/],
    ["signal not a signal", { signal: {} }, "options.signal", /must be an AbortSignal/],
    ["userAgent breaking the line", { userAgent: "my-router/1.2\r\nx-token: 1" }, "options.userAgent", /product tokens/],
  ])("%s: field %s", async ([, options, field, says], { api }) => {
    const error = await refusal(update(api, {}, options as DynDnsUpdateOptions), () => api.requests.length);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(says as RegExp);
  });

  test("options that are not an object: field `options`", async ({ api }) => {
    const error = await refusal(updateDynDns({ hostname: HOSTNAME, token: TOKEN }, "fast" as never), () => api.requests.length);
    expect(error.field).toBe("options");
  });

  test("an unknown option named like the token is not named", async ({ api }) => {
    const error = await refusal(update(api, {}, { [TOKEN]: 1 } as never), () => api.requests.length);
    expect(error.field).toBe("options.[REDACTED]");
  });

  test("the input is checked before the options", async ({ api }) => {
    const error = await refusal(update(api, { hostname: "home" }, { timeoutMs: -1 }), () => api.requests.length);
    expect(error.field).toBe("hostname");
  });
});
